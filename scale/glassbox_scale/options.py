"""train_ddp.py's flags and how they combine into one run's settings.

Every glassbox training setting is a flag with glassbox's name in kebab case and glassbox's
default (packages/cli/src/train/options.ts: the baby CPU recipe). Precedence, as in
`glassbox train`: flags > the --config file > a resumed run's trainer.json > defaults. --config
takes a Hugging Face config.json (the model's shape) or a `glassbox train --config` settings file
(camelCase model and training keys) — or one object holding both. --batch-size is per rank: the
global batch is world × batch size; trainer.json records the global one (what one glassbox process
would draw to continue the run). Bad values are ScaleErrors naming the flag.
"""

import argparse

from .config import HF_DEFAULTS
from .errors import ScaleError

DEFAULTS = {
    # model (glassbox's baby recipe)
    "nLayer": 4, "nHead": 4, "nEmbd": 128, "blockSize": 64,
    # training (train/config.ts DEFAULT_TRAIN_CONFIG)
    "batchSize": 12, "gradAccum": 1, "maxSteps": 2000, "lr": 1e-3, "minLr": 1e-4, "warmupSteps": 100,
    "decaySteps": 2000, "beta1": 0.9, "beta2": 0.99, "eps": 1e-8, "weightDecay": 0.1, "gradClip": 1.0,
    "evalInterval": 250, "evalBatches": 20, "earlyStopPatience": 0, "seed": 1337,
    # run
    "checkpointInterval": 500, "modelSeed": 1337,
}
INTS = {"nLayer", "nHead", "nEmbd", "blockSize", "batchSize", "gradAccum", "maxSteps", "warmupSteps", "decaySteps",
        "evalInterval", "evalBatches", "earlyStopPatience", "seed", "checkpointInterval", "modelSeed"}
POSITIVE = {"nLayer", "nHead", "nEmbd", "blockSize", "batchSize", "gradAccum", "maxSteps", "evalBatches"}
# Keys a glassbox settings file may hold that do not apply here (text data and its tokenizer spec).
GLASSBOX_ONLY = {"data", "tokenizer", "valFraction"}


def kebab(key: str) -> str:
    return "".join(f"-{c.lower()}" if c.isupper() else c for c in key)


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise ScaleError(f"{message} (see --help)")


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = _Parser(prog="train_ddp.py", description="Pretrain a glassbox GPT-2 with torch.distributed (run under torchrun).")
    p.add_argument("--data", help="a `glassbox data prepare` folder (train.bin, val.bin, tokenizer.json)")
    start = p.add_mutually_exclusive_group()
    start.add_argument("--init", metavar="CHECKPOINT", help="start from these weights (a glassbox or Hub GPT-2 folder)")
    start.add_argument("--config", metavar="FILE", help="a fresh model: config.json (GPT2Config) or glassbox settings JSON")
    start.add_argument("--resume", metavar="DIR", help="continue this run (train_ddp.py's or glassbox's) where its checkpoint stopped")
    p.add_argument("--allow-changed-data", action="store_true", help="resume on shards whose content changed since the run began")
    p.add_argument("--out", help="run folder: metrics.jsonl and checkpoint/ (default: the --resume folder)")
    p.add_argument("--tokenizer", metavar="FILE", help="tokenizer.json the shards must have been made with (default: the checkpoint's, else the data folder's)")
    p.add_argument("--backend", choices=["nccl", "gloo"], help="nccl on GPUs (default when CUDA is present), gloo on CPUs")
    p.add_argument("--bf16", action="store_true", help="bfloat16 autocast on CUDA (weights, optimizer and checkpoints stay float32)")
    p.add_argument("--full-val-tokens", type=int, default=0, metavar="N", help="measure the final whole-split validation loss on the first N tokens only (0: all)")
    p.add_argument("--trace-batches", metavar="DIR", help="each rank appends its window offsets per step to DIR/rank<R>.jsonl (to check the split)")
    for key, default in DEFAULTS.items():
        p.add_argument(f"--{kebab(key)}", dest=key, metavar="N", help=f"default {default}")
    return p.parse_args(argv)


def flag_settings(args: argparse.Namespace) -> dict:
    out = {}
    for key in DEFAULTS:
        raw = getattr(args, key)
        if raw is None:
            continue
        try:
            v = float(raw)
        except ValueError:
            raise ScaleError(f'expected a number, got "{raw}"', f"--{kebab(key)}") from None
        if key in INTS:
            if v != int(v):
                raise ScaleError(f'expected a whole number, got "{raw}"', f"--{kebab(key)}")
            v = int(v)
        out[key] = v
    return out


def file_settings(j: dict, where: str) -> tuple[dict, bool]:
    """(glassbox settings from a --config object, whether it is a GPT2Config)."""
    if not isinstance(j, dict):
        raise ScaleError("expected a JSON object", where)
    is_hf = any(k in j for k in ("n_layer", "n_embd", "model_type", "vocab_size"))
    settings = {}
    for key, value in j.items():
        if key in DEFAULTS:
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise ScaleError(f'"{key}" must be a number, got {value!r}', where)
            settings[key] = value
        elif key not in GLASSBOX_ONLY and not (is_hf and (key in HF_DEFAULTS or key.islower())):
            raise ScaleError(f'unknown setting "{key}"; known: {", ".join(DEFAULTS)} or GPT2Config keys', where)
    return settings, is_hf


def validate(s: dict) -> dict:
    for key in DEFAULTS:
        v = s[key]
        flag = f"--{kebab(key)}"
        if key in INTS and (not isinstance(v, int) or v < (1 if key in POSITIVE else 0)):
            raise ScaleError(f"must be a whole number ≥ {1 if key in POSITIVE else 0}, got {v}", flag)
        if key not in INTS and not v >= 0:
            raise ScaleError(f"must be a number ≥ 0, got {v}", flag)
    for key in ("beta1", "beta2"):
        if not s[key] < 1:
            raise ScaleError(f"must be in [0, 1), got {s[key]}", f"--{key}")
    if s["minLr"] > s["lr"]:
        raise ScaleError(f"minLr ({s['minLr']}) is above lr ({s['lr']})", "--min-lr")
    return s
