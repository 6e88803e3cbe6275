"""torchrun, for Debian's PyTorch 1.13 on Python 3.11: the same launcher with one fix.

torch 1.13's launcher parses --redirects/--tee ("0" by default) by iterating the Std flag enum,
and Python 3.11 no longer yields the zero member when a Flag is iterated, so `torchrun` fails
before starting a worker ('NoneType' object has no attribute 'get'). This wrapper replaces that
parser with one that builds the flag from its value, then runs torch.distributed.run as torchrun
would, with the same arguments. With a newer PyTorch the fix is not applied and plain `torchrun`
works: use either.

    python3 scale/torchrun.py --nproc_per_node 2 scale/train_ddp.py …
"""

import re
import sys

from torch.distributed import run
from torch.distributed.elastic.multiprocessing import api


def _from_str(cls, vm: str):
    """"3" → Std.ALL; "0:3,1:0" → {0: Std.ALL, 1: Std.NONE}."""
    if re.fullmatch(r"\s*[0-3]\s*", vm):
        return cls(int(vm))
    if re.fullmatch(r"\s*\d+:[0-3](\s*,\s*\d+:[0-3])*\s*", vm):
        return {int(i): cls(int(v)) for i, v in (kv.split(":") for kv in vm.split(","))}
    raise ValueError(f"{vm} does not match a number in 0–3 or a mapping like 0:3,1:0")


if api.Std.from_str("0") is None:  # the Python 3.11 breakage
    api.Std.from_str = classmethod(_from_str)

if __name__ == "__main__":
    sys.argv[0] = "torchrun"
    run.main()
