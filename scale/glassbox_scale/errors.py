"""The one error type of glassbox_scale: what was wrong, where, and what to do.

train_ddp.py prints it as one line (`error: WHERE: MESSAGE`) and exits 1, as glassbox's CLI does;
it is never shown as a stack trace. Not for bugs: those stay ordinary exceptions.
"""


class ScaleError(Exception):
    def __init__(self, message: str, where: str | None = None):
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
