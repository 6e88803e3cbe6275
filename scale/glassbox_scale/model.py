"""GPT-2 in PyTorch, laid out as transformers' GPT2LMHeadModel so state dicts move unchanged.

    x = wte[idx] + wpe[0..T)                                   (B, T, C)
    per block: x = x + attn(ln_1(x));  x = x + mlp(ln_2(x))
    logits = ln_f(x) · wteᵀ   (lm_head is tied to wte)         (B, T, V)
    loss = mean over targets ≥ 0 of −ln softmax(logits)[target]

The state dict's names and layouts are GPT2LMHeadModel's: `transformer.wte.weight`, …,
`transformer.h.N.attn.c_attn.weight` as a Conv1D weight of shape (in, out) so y = x·W + b,
`transformer.ln_f.*` and the tied `lm_head.weight`; the causal mask is not in it (current
transformers keeps it out too). The computation is glassbox's (packages/model/src/gpt): tanh GELU,
pre-LayerNorm, attention scaled by 1/√head_size, no dropout. Not handled: dropout, KV caches
(generation happens in glassbox), untied heads.
"""

import math

import torch
import torch.nn.functional as F
from torch import nn

from .config import ModelConfig


class Conv1D(nn.Module):
    """GPT-2's linear layer: weight (in, out), y = x·W + b."""

    def __init__(self, n_in: int, n_out: int):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(n_in, n_out))
        self.bias = nn.Parameter(torch.zeros(n_out))

    def forward(self, x):  # (…, in) → (…, out)
        return torch.addmm(self.bias, x.reshape(-1, x.shape[-1]), self.weight).view(*x.shape[:-1], -1)


class Attention(nn.Module):
    def __init__(self, c: ModelConfig):
        super().__init__()
        self.n_head = c.n_head
        self.c_attn = Conv1D(c.n_embd, 3 * c.n_embd)
        self.c_proj = Conv1D(c.n_embd, c.n_embd)
        self._mask = None  # (T, T) causal mask, cached; not a buffer (DDP's gloo cannot send bools)

    def forward(self, x):  # (B, T, C) → (B, T, C)
        B, T, C = x.shape
        hs = C // self.n_head
        q, k, v = self.c_attn(x).split(C, dim=2)  # each (B, T, C)
        q, k, v = (t.view(B, T, self.n_head, hs).transpose(1, 2) for t in (q, k, v))  # (B, nh, T, hs)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(hs))  # (B, nh, T, T)
        if self._mask is None or self._mask.shape[0] != T or self._mask.device != x.device:
            self._mask = torch.ones(T, T, dtype=torch.bool, device=x.device).triu(1)  # True above the diagonal
        att = att.masked_fill(self._mask, float("-inf")).softmax(dim=-1)
        y = (att @ v).transpose(1, 2).reshape(B, T, C)
        return self.c_proj(y)


class MLP(nn.Module):
    def __init__(self, c: ModelConfig):
        super().__init__()
        self.c_fc = Conv1D(c.n_embd, 4 * c.n_embd)
        self.c_proj = Conv1D(4 * c.n_embd, c.n_embd)

    def forward(self, x):  # (B, T, C) → (B, T, C), through (B, T, 4C)
        return self.c_proj(F.gelu(self.c_fc(x), approximate="tanh"))


class Block(nn.Module):
    def __init__(self, c: ModelConfig):
        super().__init__()
        self.ln_1 = nn.LayerNorm(c.n_embd, eps=c.layer_norm_epsilon)
        self.attn = Attention(c)
        self.ln_2 = nn.LayerNorm(c.n_embd, eps=c.layer_norm_epsilon)
        self.mlp = MLP(c)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class Transformer(nn.Module):
    def __init__(self, c: ModelConfig):
        super().__init__()
        self.wte = nn.Embedding(c.vocab_size, c.n_embd)
        self.wpe = nn.Embedding(c.n_positions, c.n_embd)
        self.h = nn.ModuleList(Block(c) for _ in range(c.n_layer))
        self.ln_f = nn.LayerNorm(c.n_embd, eps=c.layer_norm_epsilon)

    def forward(self, idx):  # (B, T) ids → (B, T, C)
        pos = torch.arange(idx.shape[1], device=idx.device)
        x = self.wte(idx) + self.wpe(pos)
        for block in self.h:
            x = block(x)
        return self.ln_f(x)


class GPT2LMHeadModel(nn.Module):
    def __init__(self, c: ModelConfig):
        super().__init__()
        self.config = c
        self.transformer = Transformer(c)
        self.lm_head = nn.Linear(c.n_embd, c.vocab_size, bias=False)
        self.lm_head.weight = self.transformer.wte.weight  # tied

    def forward(self, idx, targets=None, reduction: str = "mean"):
        """idx (B, T) → logits (B, T, V); with targets (B, T) (−1 = no loss) also the loss."""
        logits = self.lm_head(self.transformer(idx))
        if targets is None:
            return logits, None
        loss = F.cross_entropy(logits.float().view(-1, logits.shape[-1]), targets.reshape(-1), ignore_index=-1, reduction=reduction)
        return logits, loss

    @torch.no_grad()
    def init_weights(self, seed: int):
        """GPT-2's initialisation from torch's generator: N(0, 0.02), the residual projections
        N(0, 0.02/√(2·n_layer)), biases 0, LayerNorm gains 1. The same seed gives the same weights
        on every machine; the numbers differ from glassbox's own initialiser (its own generator)."""
        g = torch.Generator().manual_seed(seed)
        residual = 0.02 / math.sqrt(2 * self.config.n_layer)
        for name, p in self.transformer.named_parameters():
            if name.endswith("ln_1.weight") or name.endswith("ln_2.weight") or name == "ln_f.weight":
                p.fill_(1.0)
            elif name.endswith(".bias"):
                p.zero_()
            else:
                std = residual if name.endswith("c_proj.weight") else 0.02
                p.copy_(torch.randn(p.shape, generator=g) * std)
