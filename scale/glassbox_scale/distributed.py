"""The process group as torchrun starts it, and the few collectives training needs.

torchrun (or `python -m torch.distributed.run`) sets RANK, LOCAL_RANK, WORLD_SIZE, MASTER_ADDR and
MASTER_PORT; run without it, the script is one process and no group is made. NCCL puts rank r on
cuda:LOCAL_RANK; gloo runs on the CPU, splitting the cores between the ranks of a machine unless
OMP_NUM_THREADS says otherwise. SIGINT and SIGTERM only raise a flag: the ranks agree at the next
step boundary (one all-reduce with the loss) and stop together after a checkpoint; a second SIGINT
quits at once. Not handled: elastic membership changes (torchrun restarts the group instead).
"""

import os
import signal
from dataclasses import dataclass

import torch
import torch.distributed as dist


@dataclass
class Dist:
    rank: int
    world: int
    local_rank: int
    device: torch.device
    backend: str | None  # None: a single process without a group

    @property
    def main(self) -> bool:
        return self.rank == 0


def init_distributed(backend: str | None) -> Dist:
    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    local_world = int(os.environ.get("LOCAL_WORLD_SIZE", "1"))
    backend = backend or ("nccl" if torch.cuda.is_available() else "gloo")
    if backend == "nccl":
        device = torch.device("cuda", local_rank)
        torch.cuda.set_device(device)
    else:
        device = torch.device("cpu")
        if "OMP_NUM_THREADS" not in os.environ:
            torch.set_num_threads(max(1, (os.cpu_count() or 1) // local_world))
    if world > 1 or "RANK" in os.environ:
        dist.init_process_group(backend=backend)
        return Dist(dist.get_rank(), dist.get_world_size(), local_rank, device, backend)
    return Dist(0, 1, 0, device, None)


def all_sum(d: Dist, values: list[float]) -> list[float]:
    """Element-wise sum over the ranks (float64)."""
    t = torch.tensor(values, dtype=torch.float64, device=d.device)
    if d.backend:
        dist.all_reduce(t)
    return t.tolist()


def broadcast_object(d: Dist, obj):
    """rank 0's object, on every rank."""
    if not d.backend:
        return obj
    box = [obj]
    dist.broadcast_object_list(box, src=0)
    return box[0]


def broadcast_tensor(d: Dist, t: torch.Tensor):
    if d.backend:
        dist.broadcast(t, src=0)


def shutdown(d: Dist):
    if d.backend and dist.is_initialized():
        dist.destroy_process_group()


class StopRequest:
    """Ctrl-C / SIGTERM → a flag read between steps; a second Ctrl-C quits without saving."""

    def __init__(self):
        self.requested = False
        signal.signal(signal.SIGINT, self._on_signal)
        signal.signal(signal.SIGTERM, self._on_signal)

    def _on_signal(self, signum, frame):
        if self.requested and signum == signal.SIGINT:
            raise SystemExit(130)
        self.requested = True
