"""What a run will do, decided on rank 0 from the flags and the files, then sent to every rank.

Three ways to start: --resume DIR (a run folder of train_ddp.py or of `glassbox train`: weights,
AdamW moments, sampler state, step, settings), --init CHECKPOINT (weights only: a glassbox or Hub
GPT-2 folder; the shape is the checkpoint's), or --config FILE / nothing (a fresh model). The
tokenizer the shards must match is --tokenizer, else the checkpoint's tokenizer.json, else the
data folder's. Every problem is a ScaleError naming the flag or file. Not handled: the weights
themselves (rank 0 loads them in run.py; DDP copies them to the other ranks).
"""

import os

from .checkpoint import read_json, read_model_config, resolve_checkpoint_dir
from .config import ModelConfig, from_hf
from .errors import ScaleError
from .jsjson import parse
from .options import DEFAULTS, file_settings, flag_settings, validate
from .shards import open_data_folder, shards_hash

MODEL_KEYS = ("nLayer", "nHead", "nEmbd")


def make_plan(args, world: int) -> dict:
    flags = flag_settings(args)
    if args.resume:
        return _resume_plan(args, flags, world)
    if not args.out:
        raise ScaleError("--out DIR is required (the run folder for metrics.jsonl and checkpoint/)")
    if os.path.exists(os.path.join(args.out, "checkpoint", "config.json")):
        raise ScaleError(f"already holds a training run; continue it with --resume {args.out} or choose another --out", args.out)
    if not args.data:
        raise ScaleError("--data DIR is required: a `glassbox data prepare … --tokenizer …` output folder")
    ckpt = resolve_checkpoint_dir(args.init) if args.init else None
    tokenizer = args.tokenizer or _checkpoint_tokenizer(ckpt)
    data = open_data_folder(args.data, tokenizer)
    settings = {**DEFAULTS}
    if ckpt:
        given = [k for k in MODEL_KEYS if k in flags]
        if given:
            raise ScaleError("the model's shape comes from the --init checkpoint's config.json", f"--{given[0]}")
        model = read_model_config(ckpt)
        settings.update(flags)
        block = flags.get("blockSize", model.n_positions)
    else:
        model, file_block = _fresh_model(args.config, settings, flags, data.vocab_size)
        block = flags.get("blockSize", file_block)
    if model.vocab_size < data.vocab_size:
        raise ScaleError(f"the model has {model.vocab_size} token ids but the shards use {data.vocab_size}", args.init or args.config or "--data")
    if block > model.n_positions:
        raise ScaleError(f"is {block} but the model has only {model.n_positions} positions", "--block-size")
    validate(settings)
    return _plan("init" if ckpt else "fresh", ckpt, model, settings, settings["batchSize"], block, data, args.out, world, None,
                 shards_hash(args.data))


def _fresh_model(config_path, settings: dict, flags: dict, vocab: int) -> tuple[ModelConfig, int]:
    """A new model's shape: from a GPT2Config or glassbox settings file, then flags."""
    hf = None
    if config_path:
        if not os.path.exists(config_path):
            raise ScaleError("no such config file", config_path)
        with open(config_path, encoding="utf-8") as f:
            j = parse(f.read(), config_path)
        from_file, is_hf = file_settings(j, config_path)
        settings.update(from_file)
        if is_hf:
            hf = from_hf({"vocab_size": vocab, **j}, config_path)
    settings.update(flags)
    if hf:
        shape = {k: flags[k] for k in MODEL_KEYS if k in flags}
        c = ModelConfig(hf.vocab_size, hf.n_positions, shape.get("nLayer", hf.n_layer), shape.get("nHead", hf.n_head), shape.get("nEmbd", hf.n_embd), hf.layer_norm_epsilon)
        return c.validate(config_path), hf.n_positions if "blockSize" not in flags else flags["blockSize"]
    c = ModelConfig(vocab, settings["blockSize"], settings["nLayer"], settings["nHead"], settings["nEmbd"])
    return c.validate(config_path or "settings"), settings["blockSize"]


def _resume_plan(args, flags: dict, world: int) -> dict:
    ckpt = resolve_checkpoint_dir(args.resume)
    for name in ("trainer.json", "optimizer.safetensors"):
        if not os.path.exists(os.path.join(ckpt, name)):
            raise ScaleError(f"this checkpoint has no {name}, so it cannot be resumed (use --init to start from its weights)", ckpt)
    state = read_json(os.path.join(ckpt, "trainer.json"), "trainer.json")
    run = state.get("run") or {}
    if run.get("kind") not in (None, "pretrain"):
        raise ScaleError("this is a fine-tuning run; continue it with glassbox finetune --resume", ckpt)
    ddp = read_json(os.path.join(ckpt, "ddp.json"), "ddp.json") if os.path.exists(os.path.join(ckpt, "ddp.json")) else {}
    settings = {**DEFAULTS, **{k: v for k, v in run.items() if k in DEFAULTS}, **{k: v for k, v in state["config"].items() if k in DEFAULTS}, **flags}
    model = read_model_config(ckpt)
    corpus = run.get("corpus") or {"kind": "legacy", "path": run.get("data")}  # records before glassbox's typed ones
    data_dir = args.data or corpus.get("path")
    if not data_dir or not os.path.isdir(data_dir):
        raise ScaleError(
            f"this run trained on {data_dir or corpus['kind']!r}, which is not a `glassbox data prepare` folder here; prepare "
            "the text with `glassbox data prepare FILE --tokenizer CHECKPOINT/tokenizer.json --out DIR` and pass --data DIR",
            args.resume,
        )
    data = open_data_folder(data_dir, args.tokenizer or _checkpoint_tokenizer(ckpt))
    data_hash = shards_hash(data_dir)
    if corpus.get("sha256") and corpus["sha256"] != data_hash and not args.allow_changed_data:
        raise ScaleError(
            f"this is not the data the run trained on: its content changed since (sha256 {data_hash[:12]}… instead of "
            f"{corpus['sha256'][:12]}…); continue on the original, or pass --allow-changed-data",
            data_dir,
        )
    global_batch = state["config"]["batchSize"]
    if "batchSize" in flags:
        per_rank = flags["batchSize"]
    elif global_batch % world:
        raise ScaleError(f"the run's global batch of {global_batch} does not split over {world} ranks; pass --batch-size (per rank)", args.resume)
    else:
        per_rank = global_batch // world
    settings["batchSize"] = per_rank
    block = flags.get("blockSize", ddp.get("blockSize", model.n_positions))
    if block > model.n_positions:
        raise ScaleError(f"is {block} but the model has only {model.n_positions} positions", "--block-size")
    run_folder = ckpt != args.resume.rstrip("/") or os.path.basename(ckpt) == "checkpoint"
    out = args.out or (os.path.dirname(ckpt) if run_folder else None)
    if out is None:
        raise ScaleError("is a checkpoint folder, not a run folder; pass --out DIR for the continued run", args.resume)
    validate(settings)
    return _plan("resume", ckpt, model, settings, per_rank, block, data, out, world, state, data_hash)


def _checkpoint_tokenizer(ckpt: str | None) -> str | None:
    if ckpt and os.path.exists(os.path.join(ckpt, "tokenizer.json")):
        return os.path.join(ckpt, "tokenizer.json")
    return None


def _plan(mode, ckpt, model: ModelConfig, settings, per_rank, block, data, out, world, state, data_hash: str) -> dict:
    return {
        "mode": mode,
        "ckpt": ckpt,
        "model": model.__dict__.copy(),
        "settings": settings,
        "batchPerRank": per_rank,
        "globalBatch": per_rank * world,
        "blockSize": block,
        "data": os.path.abspath(data.dir),
        "dataHash": data_hash,
        "tokenizer": os.path.abspath(data.tokenizer_path),
        "tokenizerHash": data.tokenizer_hash,
        "out": out,
        "resume": state,
    }
