"""Pretrain a glassbox GPT-2 with PyTorch's distributed engine, on glassbox's data and files.

    torchrun --nproc_per_node N [--nnodes M --rdzv-endpoint HOST:PORT] scale/train_ddp.py \
        --data DIR (--init CHECKPOINT | --config FILE | --resume DIR) --out DIR [--backend nccl|gloo] …

Reads a `glassbox data prepare` folder, trains with glassbox's recipe under
DistributedDataParallel (NCCL on GPUs, gloo on CPUs; one process without torchrun), and writes
glassbox's run folder: metrics.jsonl and checkpoint/ (a Hugging Face GPT-2 folder that glassbox's
CLI and explorer open). Bad input: one line `error: …` and exit 1. See docs/scale-out.md.
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from glassbox_scale.distributed import init_distributed, shutdown  # noqa: E402
from glassbox_scale.errors import ScaleError  # noqa: E402
from glassbox_scale.options import parse_args  # noqa: E402
from glassbox_scale.run import run  # noqa: E402


# How gloo and NCCL report a collective whose peer died or was stopped.
PEER_FAILURE = re.compile(r"Connection (closed|reset)|Broken pipe|peer|NCCL communicator was aborted|Timed out|timeout", re.I)


def main(argv: list[str]) -> int:
    d = None
    try:
        args = parse_args(argv)
        d = init_distributed(args.backend)
        return run(args, d, lambda line: print(line, flush=True))
    except ScaleError as e:
        if d is None or d.main:
            print(f"error: {e}", file=sys.stderr, flush=True)
        return 1
    except RuntimeError as e:
        if d is None or d.world == 1 or not PEER_FAILURE.search(str(e)):
            raise
        # A collective failed: another rank died or was stopped. Its last checkpoint is whole.
        print(f"error: rank {d.rank}: training stopped because another rank failed ({str(e).splitlines()[0]}); "
              "the last checkpoint is whole: continue with --resume", file=sys.stderr, flush=True)
        return 1
    finally:
        if d is not None:
            shutdown(d)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
