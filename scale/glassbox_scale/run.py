"""A training run from start to finish on every rank: plan, data, model, DDP, loop, files.

Rank 0 makes the plan (plan.py) and sends it to all; every rank opens the shards, builds the
model and the optimizer; rank 0 loads the weights and moments and DDP / broadcasts copy them to the
rest. During the loop every rank takes part in the collectives (losses, evaluations) and only
rank 0 prints, appends to metrics.jsonl and writes checkpoints. Returns the exit code: 0 done,
130 stopped by a signal (after a checkpoint). Not handled: error printing (train_ddp.py).
"""

import contextlib
import json
import os
import time

import torch
from torch.nn.parallel import DistributedDataParallel as DDP

from . import checkpoint as ck
from .config import ModelConfig, param_names, to_hf
from .distributed import Dist, StopRequest, broadcast_object, broadcast_tensor
from .errors import ScaleError
from .evaluate import split_loss
from .hf_files import hf_files, special_ids, special_tokens
from .jsjson import stringify
from .metrics import MetricsLog
from .model import GPT2LMHeadModel
from .optim import make_adamw
from .plan import make_plan
from .shards import open_data_folder
from .trainer import Trainer, run_training


def shared_plan(args, d: Dist) -> dict:
    """rank 0's plan on every rank; rank 0's ScaleError raised on every rank (printed by rank 0)."""
    plan = None
    if d.main:
        try:
            plan = make_plan(args, d.world)
        except ScaleError as e:
            plan = {"error": str(e)}
    plan = broadcast_object(d, plan)
    if "error" in plan:
        raise ScaleError(plan["error"])
    return plan


def run(args, d: Dist, log) -> int:
    stop = StopRequest()
    plan = shared_plan(args, d)
    if args.bf16 and d.device.type != "cuda":
        raise ScaleError("bfloat16 autocast needs CUDA (the nccl backend)", "--bf16")
    s, B, T = plan["settings"], plan["batchPerRank"], plan["blockSize"]
    data = open_data_folder(plan["data"], expected_hash=plan["tokenizerHash"])
    cfg = ModelConfig(**plan["model"])
    model = GPT2LMHeadModel(cfg)
    model.init_weights(s["modelSeed"])
    if d.main and plan["ckpt"]:
        ck.load_weights(model, plan["ckpt"])
    model.to(d.device)
    ddp_model = DDP(model, device_ids=[d.local_rank] if d.device.type == "cuda" else None) if d.backend else model
    params = dict(model.transformer.named_parameters())
    named = [(n, params[n]) for n, _ in param_names(cfg)]
    optimizer = make_adamw(named, s)
    resume = plan["resume"]
    if resume:
        moments = ck.read_optimizer(plan["ckpt"], named) if d.main else None
        ck.restore_optimizer(optimizer, named, moments, resume["step"], lambda t: broadcast_tensor(d, t))
    autocast = (lambda: torch.autocast("cuda", dtype=torch.bfloat16)) if args.bf16 else contextlib.nullcontext
    trainer = Trainer(ddp_model, model, optimizer, named, data, s, B, T, d, resume, autocast)

    out, ckpt_dir = plan["out"], os.path.join(plan["out"], "checkpoint")
    if d.main:
        os.makedirs(out, exist_ok=True)
        describe(log, plan, cfg, data, d)
    hooks = Hooks(trainer, plan, cfg, d, log, MetricsLog(os.path.join(out, "metrics.jsonl"), trainer.step if resume else None) if d.main else None, args)
    outcome = run_training(trainer, hooks, stop)
    if not d.main:
        return 130 if outcome == "stopped" else 0
    if outcome == "stopped":
        log(f"stopped at step {trainer.step}; checkpoint saved in {ckpt_dir}. Continue with: torchrun … train_ddp.py --resume {out}")
        return 130
    how = "stopped early (validation loss stopped improving)" if outcome == "early-stopped" else "done"
    log(f"{how}: {trainer.step} steps in {time.perf_counter() - hooks.started:.1f} s")
    if hooks.full_val is not None:
        log(f"validation loss over the whole split: {hooks.full_val:.4f}")
    log(f"checkpoint: {ckpt_dir} (Hugging Face GPT-2 format); metrics: {os.path.join(out, 'metrics.jsonl')}")
    log(f"try: glassbox generate {out} --prompt \"…\"   or   glassbox eval {out} {os.path.join(plan['data'], 'val.bin')}")
    return 0


def describe(log, plan, cfg: ModelConfig, data, d: Dist):
    s = plan["settings"]
    where = f"{d.world} rank{'s' if d.world > 1 else ''} ({d.backend or 'single process'}, {d.device.type}, {torch.get_num_threads()} thread{'s' if torch.get_num_threads() > 1 else ''} each)"
    log(f"{plan['data']}: {len(data.train.ids):,} train / {len(data.val.ids) if data.val is not None else 0:,} validation tokens (vocabulary {data.vocab_size})")
    log(f"{plan['mode']}: {cfg.n_layer} layers, {cfg.n_head} heads, {cfg.n_embd} wide, {cfg.n_positions} positions, vocabulary {cfg.vocab_size}; on {where}")
    log(f"batch {plan['batchPerRank']} per rank × {d.world} × {s['gradAccum']} accumulation × block {plan['blockSize']}; "
        f"{s['maxSteps']} steps, lr {s['lr']} → {s['minLr']}")


class Hooks:
    """What happens around the loop: progress lines, metrics.jsonl, checkpoints."""

    def __init__(self, trainer: Trainer, plan, cfg: ModelConfig, d: Dist, log, metrics: MetricsLog | None, args):
        self.t, self.plan, self.cfg, self.d, self.log, self.metrics, self.args = trainer, plan, cfg, d, log, metrics, args
        self.started = time.perf_counter()
        self.start_step = trainer.step
        self.last_print = 0.0
        self.last_val = None
        self.full_val = None
        if args.trace_batches:
            os.makedirs(args.trace_batches, exist_ok=True)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def on_step(self, r: dict):
        t = self.t
        if self.args.trace_batches:
            with open(os.path.join(self.args.trace_batches, f"rank{self.d.rank}.jsonl"), "a") as f:
                f.write(json.dumps({"step": r["step"], "starts": t.step_starts}) + "\n")
        if not self.d.main:
            return
        if not t.should_evaluate():
            self.metrics.append({"step": r["step"], "loss": r["loss"], "lr": r["lr"], "tokens_per_s": r["tokensPerSecond"], "elapsed_s": self.elapsed()})
        now = time.perf_counter()
        if now - self.last_print > 2 or r["step"] == t.s["maxSteps"]:
            self.last_print = now
            done = r["step"] - self.start_step
            eta = (now - self.started) / max(done, 1) * (t.s["maxSteps"] - r["step"])
            val = f"{self.last_val:.4f}" if self.last_val is not None else "—"
            self.log(f"step {r['step']}/{t.s['maxSteps']}  loss {r['loss']:.4f}  val {val}  {round(r['tokensPerSecond']):,} tok/s  ETA {eta:.0f} s")

    def on_eval(self, step: int, losses: dict):
        t = self.t
        if step == t.s["maxSteps"] and t.data.val is not None and len(t.data.val.ids) > 1:
            ids = t.data.val.ids
            if self.args.full_val_tokens > 0:
                ids = ids[: self.args.full_val_tokens]
            t.model.eval()
            self.full_val = split_loss(t.model, ids, t.T, t.B, self.d, t.autocast)
        if not self.d.main:
            return
        self.last_val = losses["val"]
        r = t.history[-1] if t.history else None
        base = {"step": step} if step == 0 or r is None else {"step": step, "loss": r["loss"], "lr": r["lr"], "tokens_per_s": r["tokensPerSecond"]}
        self.metrics.append({**base, "elapsed_s": self.elapsed(), "train_loss": losses["train"], "val_loss": losses["val"], "val_loss_full": self.full_val})
        val = f"{losses['val']:.4f}" if losses["val"] is not None else "—"
        self.log(f"step {step}: train loss {losses['train']:.4f}, val loss {val}")

    def on_checkpoint(self):
        if not self.d.main:
            return
        t, plan = self.t, self.plan
        with open(plan["tokenizer"], "rb") as f:
            tokenizer_bytes = f.read()
        # glassbox's pretraining run record (packages/model/src/run/record.ts).
        run = {"kind": "pretrain", "corpus": {"kind": "shards", "path": plan["data"], "sha256": plan["dataHash"]},
               "tokenizer": plan["tokenizer"], "valFraction": 0.1,
               "checkpointInterval": t.s["checkpointInterval"], "modelSeed": t.s["modelSeed"]}
        state = {**t.state(plan["globalBatch"]), "run": run}
        ddp = {"worldSize": self.d.world, "batchPerRank": t.B, "blockSize": t.T, "backend": self.d.backend or "none",
               "bf16": bool(self.args.bf16), "torch": torch.__version__}
        tokenizer_json = json.loads(tokenizer_bytes)
        ids = special_ids(special_tokens(tokenizer_json))
        files = {
            "config.json": (stringify(to_hf(self.cfg, ids["bos"], ids["eos"]), 2) + "\n").encode(),
            "model.safetensors": lambda f: ck.write_model(t.model, f),
            "tokenizer.json": tokenizer_bytes,
            **hf_files(tokenizer_json, self.cfg.n_positions),
            "optimizer.safetensors": lambda f: ck.write_optimizer(t.named, t.optimizer, t.step, f),
            "trainer.json": (stringify(state) + "\n").encode(),
            "ddp.json": (stringify(ddp, 2) + "\n").encode(),
        }
        ck.write_checkpoint_dir(os.path.join(plan["out"], "checkpoint"), files)
