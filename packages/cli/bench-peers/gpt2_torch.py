# The PyTorch peer of `glassbox bench --only gpt2`: the same GPT-2 folder, read here with numpy
# (safetensors header + raw bytes, no transformers needed), run by a small GPT-2 forward written
# from the formulas (pre-LayerNorm blocks, tanh GELU, tied head) with a KV cache, in eager PyTorch.
# usage: python3 gpt2_torch.py DIR THREADS PROMPT_IDS NEW  -> one JSON line, as gpt2-child.js prints.
import json, math, resource, sys, time

import numpy as np
import torch

start = time.perf_counter()
folder, threads, prompt_arg, new_arg = sys.argv[1:5]
torch.set_num_threads(int(threads))
torch.set_grad_enabled(False)
cfg = json.load(open(f"{folder}/config.json"))
C, L, H = cfg["n_embd"], cfg["n_layer"], cfg["n_head"]
eps = cfg.get("layer_norm_epsilon", 1e-5)
DT = {"F32": np.float32, "F16": np.float16, "BF16": None}

with open(f"{folder}/model.safetensors", "rb") as f:
    n = int.from_bytes(f.read(8), "little")
    header = json.loads(f.read(n))
    base = 8 + n
    w = {}
    for name, info in header.items():
        if name == "__metadata__" or name.endswith(".attn.bias") or name.endswith(".attn.masked_bias") or name == "lm_head.weight":
            continue
        b, e = info["data_offsets"]
        f.seek(base + b)
        arr = np.frombuffer(f.read(e - b), dtype=DT[info["dtype"]]).reshape(info["shape"])
        w[name.removeprefix("transformer.")] = torch.from_numpy(arr.astype(np.float32))
load_ms = (time.perf_counter() - start) * 1000


def ln(x, p):
    return torch.nn.functional.layer_norm(x, (C,), w[p + ".weight"], w[p + ".bias"], eps)


def gelu(x):
    return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))


def forward(ids, cache, pos):
    """ids (T,) at positions pos…pos+T-1; cache: per layer [K (t, C), V (t, C)]; logits of the last."""
    T = len(ids)
    x = w["wte.weight"][ids] + w["wpe.weight"][pos:pos + T]
    hs = C // H
    mask = torch.full((T, pos + T), float("-inf")).triu(pos + 1)
    for l in range(L):
        h = f"h.{l}."
        qkv = ln(x, h + "ln_1") @ w[h + "attn.c_attn.weight"] + w[h + "attn.c_attn.bias"]
        q, k, v = qkv.split(C, dim=1)
        cache[l][0] = torch.cat([cache[l][0], k])
        cache[l][1] = torch.cat([cache[l][1], v])
        K, V = cache[l]
        qh = q.view(T, H, hs).transpose(0, 1)
        kh = K.view(-1, H, hs).transpose(0, 1)
        vh = V.view(-1, H, hs).transpose(0, 1)
        att = torch.softmax(qh @ kh.transpose(1, 2) / math.sqrt(hs) + mask, dim=-1)
        y = (att @ vh).transpose(0, 1).reshape(T, C)
        x = x + y @ w[h + "attn.c_proj.weight"] + w[h + "attn.c_proj.bias"]
        m = gelu(ln(x, h + "ln_2") @ w[h + "mlp.c_fc.weight"] + w[h + "mlp.c_fc.bias"])
        x = x + m @ w[h + "mlp.c_proj.weight"] + w[h + "mlp.c_proj.bias"]
    return ln(x[-1:], "ln_f") @ w["wte.weight"].T


prompt = [int(t) for t in prompt_arg.split(",")]
new = int(new_arg)
cache = [[torch.zeros(0, C), torch.zeros(0, C)] for _ in range(L)]
t0 = time.perf_counter()
logits = forward(torch.tensor(prompt), cache, 0)
prompt_ms = (time.perf_counter() - t0) * 1000
ids = []
t1 = time.perf_counter()
for i in range(new):
    best = int(logits[0].argmax())
    ids.append(best)
    if i + 1 < new:
        logits = forward(torch.tensor([best]), cache, len(prompt) + i)
gen_s = time.perf_counter() - t1
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"loadMs": load_ms, "promptMs": prompt_ms, "tokensPerS": (new - 1) / gen_s, "ids": ids, "peakMiB": peak}))
