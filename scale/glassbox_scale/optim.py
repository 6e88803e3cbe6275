"""glassbox's optimizer recipe on torch.optim.AdamW: which tensors decay, the schedule, clipping.

- Weight decay only on the matrices of attention and MLP (c_attn, c_proj, c_fc weights); biases,
  LayerNorm and the embeddings (so the tied head) do not decay — glassbox's params.ts `decay`.
- AdamW with decoupled decay: p ← p − lr·(m̂/(√v̂ + eps) + wd·p), bias corrections 1 − βᵗ (torch's
  AdamW computes the same update).
- Learning rate per step (train/schedule.ts): linear warmup lr·(s+1)/(warmup+1), cosine to minLr
  at decaySteps, then flat.
- Global-norm clipping (core-wasm ops.ts): if ‖g‖ > max, g ← g·max/(‖g‖ + 1e−6); the norm before
  clipping is what the logs report.
"""

import math

import torch


def is_decayed(name: str) -> bool:
    """name without "transformer.": the attention and MLP matrices."""
    return name.endswith(("attn.c_attn.weight", "attn.c_proj.weight", "mlp.c_fc.weight", "mlp.c_proj.weight"))


def make_adamw(named: list[tuple[str, torch.nn.Parameter]], s: dict) -> torch.optim.AdamW:
    """named: the unique parameters in glassbox's order, names without "transformer."."""
    decay = [p for n, p in named if is_decayed(n)]
    other = [p for n, p in named if not is_decayed(n)]
    groups = [{"params": decay, "weight_decay": s["weightDecay"]}, {"params": other, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=s["lr"], betas=(s["beta1"], s["beta2"]), eps=s["eps"])


def learning_rate(step: int, s: dict) -> float:
    if step < s["warmupSteps"]:
        return s["lr"] * (step + 1) / (s["warmupSteps"] + 1)
    if step > s["decaySteps"]:
        return s["minLr"]
    span = s["decaySteps"] - s["warmupSteps"]
    r = (step - s["warmupSteps"]) / span if span > 0 else 1
    return s["minLr"] + 0.5 * (1 + math.cos(math.pi * r)) * (s["lr"] - s["minLr"])


@torch.no_grad()
def clip_grad_norm(params: list[torch.nn.Parameter], max_norm: float) -> float:
    grads = [p.grad for p in params if p.grad is not None]
    norm = torch.sqrt(sum((g.double() ** 2).sum() for g in grads)).item()
    if max_norm > 0 and norm > max_norm:
        for g in grads:
            g.mul_(max_norm / (norm + 1e-6))
    return norm
