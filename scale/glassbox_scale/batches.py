"""Training batches drawn as glassbox draws them, split across ranks.

glassbox's BatchSampler (packages/model/src/train/batches.ts) takes B windows of T + 1 tokens at
offsets rng.int(len − T), inputs the first T, targets the last T. Here every rank runs the same
sampler for the *global* batch of world·B windows and keeps its own slice [rank·B, (rank+1)·B):

    global batch k = windows k·W·B … (k+1)·W·B − 1 of glassbox's stream with batch W·B
    rank r reads   windows r·B … (r+1)·B − 1 of it

So the ranks read different windows, 2 ranks × B train on exactly the windows of 1 rank × 2B
(hence the same weights), one rank with batch B draws glassbox's own batches, and the sampler's
whole state (four integers, shared by all ranks) continues a run in either program. Not handled:
epochs or document boundaries (glassbox samples windows uniformly too).
"""

import numpy as np

from .errors import ScaleError
from .rng import Random


class BatchSampler:
    def __init__(self, ids: np.ndarray, B: int, T: int, world: int, rank: int, seed, what: str = "training data"):
        if len(ids) < T + 1:
            raise ScaleError(
                f"{what} has {len(ids)} tokens, fewer than one window of {T + 1} (block size + 1); use more text or a smaller block size"
            )
        self.ids, self.B, self.T, self.world, self.rank = ids, B, T, world, rank
        self.rng = Random(seed)
        self.last_starts: list[int] = []  # this rank's window offsets in the last batch

    def next(self) -> tuple[np.ndarray, np.ndarray]:
        """This rank's (inputs, targets), each (B, T) int64."""
        span = len(self.ids) - self.T
        starts = [self.rng.int(span) for _ in range(self.world * self.B)]
        mine = starts[self.rank * self.B : (self.rank + 1) * self.B]
        self.last_starts = mine
        windows = np.stack([np.asarray(self.ids[s : s + self.T + 1], dtype=np.int64) for s in mine])  # (B, T+1)
        return np.ascontiguousarray(windows[:, :-1]), np.ascontiguousarray(windows[:, 1:])

    def state(self) -> list[int]:
        return self.rng.state()
