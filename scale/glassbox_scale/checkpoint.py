"""glassbox checkpoint folders: written atomically in glassbox's exact layout, and read back.

A folder holds config.json, model.safetensors (F32, `transformer.`-prefixed GPT2LMHeadModel names,
no lm_head: it is tied), tokenizer.json, tokenizer_config.json and generation_config.json (see
hf_files.py), and for resuming optimizer.safetensors (AdamW moments as `<name>.exp_avg` and
`<name>.exp_avg_sq`, metadata step) and trainer.json (glassbox's TrainerState), plus ddp.json (how
the ranks split the batch). Writing follows packages/model/src/node/checkpoint-dir.ts: every file
into DIR.tmp (fsynced), a `.complete` marker, then DIR → DIR.old, DIR.tmp → DIR; a crash leaves the
old checkpoint or the new one, whole, and a reader finishes a swap cut between the two renames.

Reading accepts glassbox folders and GPT-2 folders as the Hub publishes them: names with or
without "transformer.", the attention-mask buffers and a tied lm_head.weight (checked, skipped),
F16/BF16 weights. Not handled: pytorch_model.bin (a pickle; convert it to safetensors).
"""

import os
import shutil

import numpy as np
import torch

from .config import ModelConfig, from_hf, param_names
from .errors import ScaleError
from .jsjson import parse
from .safetensors import SafetensorsFile, write_safetensors

PREFIX = "transformer."
COMPLETE = ".complete"


def write_checkpoint_dir(path: str, files: dict):
    """files: name → bytes, or a callable(f) writing the file's bytes to an open binary file."""
    staging, old = f"{path}.tmp", f"{path}.old"
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(staging)
    for name, content in [*files.items(), (COMPLETE, b"")]:
        with open(os.path.join(staging, name), "wb") as f:
            if callable(content):
                content(f)
            else:
                f.write(content)
            f.flush()
            os.fsync(f.fileno())
    shutil.rmtree(old, ignore_errors=True)
    if os.path.exists(path):
        os.rename(path, old)
    os.rename(staging, path)
    shutil.rmtree(old, ignore_errors=True)


def _recover(path: str):
    staging = f"{path}.tmp"
    if not os.path.exists(path) and os.path.exists(os.path.join(staging, COMPLETE)):
        os.rename(staging, path)


def resolve_checkpoint_dir(path: str) -> str:
    """The folder itself when it holds config.json, else its checkpoint/ (a run folder)."""
    for d in (path, os.path.join(path, "checkpoint")):
        _recover(d)
        if os.path.exists(os.path.join(d, "config.json")):
            return d
    if not os.path.exists(path):
        raise ScaleError("no such checkpoint folder; check the path", path)
    raise ScaleError("not a checkpoint: no config.json here or in checkpoint/ (pass a folder glassbox or train_ddp.py wrote)", path)


def read_json(path: str, what: str):
    if not os.path.exists(path):
        raise ScaleError(f"missing {what}", os.path.dirname(path))
    with open(path, encoding="utf-8") as f:
        return parse(f.read(), path)


def read_model_config(ckpt: str) -> ModelConfig:
    path = os.path.join(ckpt, "config.json")
    return from_hf(read_json(path, "config.json"), path)


def model_tensors(model) -> list[tuple[str, np.ndarray]]:
    """(prefixed name, float32 array) in glassbox's order, on the CPU."""
    params = dict(model.transformer.named_parameters())
    return [(PREFIX + n, params[n].detach().float().cpu().numpy()) for n, _ in param_names(model.config)]


def write_model(model, f):
    write_safetensors(f, model_tensors(model), {"format": "pt"})


@torch.no_grad()
def load_weights(model, ckpt: str):
    """Copies a folder's model.safetensors into model (validated before anything is copied)."""
    path = os.path.join(ckpt, "model.safetensors")
    if not os.path.exists(path):
        hint = " (pytorch_model.bin is a pickle: convert it to model.safetensors first)" if os.path.exists(os.path.join(ckpt, "pytorch_model.bin")) else ""
        raise ScaleError(f"no model.safetensors{hint}", ckpt)
    st = SafetensorsFile(path)
    wanted = dict(param_names(model.config))
    found: dict[str, str] = {}
    unknown, lm_head = [], None
    for name, (_, shape, _, _) in st.entries.items():
        short = name[len(PREFIX):] if name.startswith(PREFIX) else name
        if name == "lm_head.weight":
            lm_head = name
        elif short.endswith((".attn.bias", ".attn.masked_bias")) and short.startswith("h."):
            continue  # transformers' causal-mask buffers, not weights
        elif short in wanted:
            if short in found:
                raise ScaleError(f'tensor {short} appears twice (with and without "transformer.")', path)
            if shape != wanted[short]:
                raise ScaleError(f"tensor {name} has shape {shape} but config.json implies {wanted[short]}", path)
            found[short] = name
        else:
            unknown.append(name)
    missing = [PREFIX + n for n in wanted if n not in found]
    if missing:
        more = f", … ({len(missing)} in all)" if len(missing) > 3 else ""
        raise ScaleError(f"missing tensors {', '.join(missing[:3])}{more}", path)
    if unknown:
        raise ScaleError(f"tensors {', '.join(unknown[:3])} are not part of a GPT-2 language model", path)
    params = dict(model.transformer.named_parameters())
    for short, name in found.items():
        params[short].copy_(torch.from_numpy(st.read(name)))
    if lm_head and not np.array_equal(st.read(lm_head), st.read(found["wte.weight"])):
        raise ScaleError("lm_head.weight differs from wte.weight: an untied output head, which is not supported", path)


def write_optimizer(named: list, optimizer: torch.optim.Optimizer, step: int, f):
    """named: [(name without prefix, parameter)] in glassbox's order."""
    def moment(p, key):
        s = optimizer.state.get(p)
        return s[key].detach().float().cpu().numpy() if s else np.zeros(tuple(p.shape), np.float32)

    tensors = [(f"{n}.exp_avg", moment(p, "exp_avg")) for n, p in named]
    tensors += [(f"{n}.exp_avg_sq", moment(p, "exp_avg_sq")) for n, p in named]
    write_safetensors(f, tensors, {"step": str(step)})


def read_optimizer(ckpt: str, named: list) -> dict[str, np.ndarray]:
    """The saved moments by tensor name, checked against the parameters' shapes."""
    path = os.path.join(ckpt, "optimizer.safetensors")
    st = SafetensorsFile(path)
    out = {}
    for n, p in named:
        for key in (f"{n}.exp_avg", f"{n}.exp_avg_sq"):
            if key not in st.entries:
                raise ScaleError(f"missing tensor {key}", path)
            if st.entries[key][1] != list(p.shape):
                raise ScaleError(f"tensor {key} has shape {st.entries[key][1]} but the model needs {list(p.shape)}", path)
            out[key] = st.read(key)
    return out


def restore_optimizer(optimizer, named: list, moments: dict[str, np.ndarray] | None, step: int, broadcast):
    """Fills AdamW's state on every rank: rank 0 passes the moments, the others None; broadcast(t)
    copies rank 0's tensor into t."""
    for n, p in named:
        state = {"step": torch.tensor(float(step))}
        for key, suffix in (("exp_avg", ".exp_avg"), ("exp_avg_sq", ".exp_avg_sq")):
            t = torch.from_numpy(moments[n + suffix]).to(p.device) if moments is not None else torch.zeros_like(p)
            broadcast(t)
            state[key] = t.to(p.dtype)
        optimizer.state[p] = state
