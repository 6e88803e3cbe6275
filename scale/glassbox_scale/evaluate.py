"""Losses measured as glassbox measures them, with the work shared by the ranks.

- `sampled_loss`: glassbox's Trainer.evaluate — the mean loss over evalBatches batches drawn with
  the fixed seed seed+1 (train) or seed+2 (validation), the same batches at every evaluation; each
  rank computes its slice of every global batch and the means are averaged.
- `split_loss`: glassbox's evaluateTokens (eval/evaluate.ts), every token of a split predicted
  once: consecutive windows of T + 1 tokens overlapping by one, the last one shorter; the mean
  −ln p over all predicted tokens. Windows are dealt round-robin to the ranks, the sums added.
Both run without gradients, on the unwrapped model. Not handled: per-token losses (glassbox shows
those).
"""

import numpy as np
import torch

from .batches import BatchSampler
from .distributed import Dist, all_sum


@torch.no_grad()
def sampled_loss(model, ids, B: int, T: int, batches: int, seed: int, d: Dist, autocast) -> float:
    sampler = BatchSampler(ids, B, T, d.world, d.rank, seed)
    total = 0.0
    for _ in range(batches):
        x, y = sampler.next()
        with autocast():
            _, loss = model(torch.from_numpy(x).to(d.device), torch.from_numpy(y).to(d.device))
        total += loss.item()
    return all_sum(d, [total])[0] / d.world / batches


@torch.no_grad()
def split_loss(model, ids, T: int, B: int, d: Dist, autocast) -> float:
    predicted = len(ids) - 1
    starts = list(range(0, predicted, T))[d.rank :: d.world]
    full = [s for s in starts if s + T <= predicted]
    tail = [s for s in starts if s + T > predicted]
    total = 0.0
    for group, length in [(full[i : i + B], T) for i in range(0, len(full), B)] + [([s], predicted - s) for s in tail]:
        w = np.stack([np.asarray(ids[s : s + length + 1], dtype=np.int64) for s in group])  # (b, length+1)
        with autocast():
            _, loss = model(torch.from_numpy(w[:, :-1]).to(d.device), torch.from_numpy(w[:, 1:]).to(d.device), reduction="sum")
        total += loss.item()
    return all_sum(d, [total])[0] / predicted
