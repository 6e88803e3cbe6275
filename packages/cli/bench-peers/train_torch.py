"""The train bench's peer: PyTorch training steps of the same GPT, timed as glassbox's are.

Usage: train_torch.py N_LAYER N_HEAD N_EMBD BLOCK VOCAB BATCH THREADS WARMUP
Builds scale/'s GPT2LMHeadModel (the module train_ddp.py trains: GPT-2's layers, tied head) in
float32 on the CPU with THREADS intra-op threads, runs WARMUP untimed steps (forward + backward +
gradient clipping + AdamW on random token windows), prints {"ready": true}, then times steps on
demand, so that the bench can alternate short blocks of its steps with ours in one window: each
line read from stdin is a count N, answered by one JSON line {"msPerStep": [...]} of N steps' wall
times; end of input ends it. Needs Debian's python3-torch.
"""

import json
import os
import sys
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scale"))

from glassbox_scale.config import ModelConfig  # noqa: E402
from glassbox_scale.model import GPT2LMHeadModel  # noqa: E402


def main() -> int:
    n_layer, n_head, n_embd, block, vocab, batch, threads, warmup = (int(a) for a in sys.argv[1:9])
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    model = GPT2LMHeadModel(ModelConfig(vocab, block, n_layer, n_head, n_embd))
    model.init_weights(1)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.99), eps=1e-8, weight_decay=0.1)
    g = torch.Generator().manual_seed(7)

    def step() -> float:
        """One training step on a fresh random batch; its wall time in ms."""
        x = torch.randint(0, vocab, (batch, block), generator=g)
        y = torch.randint(0, vocab, (batch, block), generator=g)
        t0 = time.perf_counter()
        out = model(x, y)
        loss = out[1] if isinstance(out, tuple) else out
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return (time.perf_counter() - t0) * 1000

    for _ in range(warmup):
        step()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        print(json.dumps({"msPerStep": [step() for _ in range(int(line))]}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
