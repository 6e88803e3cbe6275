"""The pretraining loop of glassbox (packages/model/src/train/trainer.ts and loop.ts) under DDP.

One optimizer step: gradAccum micro-batches (DDP all-reduces the gradients once, on the last),
global-norm clipping, AdamW at the scheduled rate; the logged loss is the mean over every rank's
tokens. Evaluation at step 0 of a fresh run, every evalInterval steps and at the last step;
early stopping after earlyStopPatience evaluations without a better validation loss. Checkpoints
every checkpointInterval steps, at the end, and when a stop is requested (Ctrl-C, SIGTERM). The
state — step, the shared sampler state, history, best validation loss — is glassbox's TrainerState,
so glassbox and this loop resume each other's runs. Not handled here: files (see run.py).
"""

import contextlib
import time

import torch

from .batches import BatchSampler
from .distributed import Dist, all_sum
from .evaluate import sampled_loss
from .optim import clip_grad_norm, learning_rate


class Trainer:
    def __init__(self, ddp_model, model, optimizer, named, data, s: dict, B: int, T: int, d: Dist, resume: dict | None, autocast):
        self.ddp_model, self.model, self.optimizer, self.named = ddp_model, model, optimizer, named
        self.params = [p for _, p in named]
        self.data, self.s, self.B, self.T, self.d, self.autocast = data, s, B, T, d, autocast
        self.sampler = BatchSampler(data.train.ids, B, T, d.world, d.rank, (resume or {}).get("samplerState") or s["seed"])
        if data.val is not None:
            BatchSampler(data.val.ids, 1, T, 1, 0, 0, "validation data")  # fail early if too short
        r = resume or {}
        self.step = r.get("step", 0)
        self.history = r.get("history", [])
        self.best_val = r.get("bestValLoss")
        self.evals_without_improvement = r.get("evalsWithoutImprovement", 0)
        self.stop_requested = False  # set by the ranks' agreement after a step

    @property
    def done(self) -> bool:
        return self.step >= self.s["maxSteps"] or self.stopped_early

    @property
    def stopped_early(self) -> bool:
        p = self.s["earlyStopPatience"]
        return p > 0 and self.evals_without_improvement >= p

    def train_step(self, stop_flag: bool) -> dict:
        s, d = self.s, self.d
        started = time.perf_counter()
        self.model.train()
        self.optimizer.zero_grad(set_to_none=True)
        loss_sum = 0.0
        self.step_starts = []  # this rank's window offsets, for --trace-batches
        for micro in range(s["gradAccum"]):
            x, y = self.sampler.next()  # (B, T) each
            self.step_starts += self.sampler.last_starts
            last = micro == s["gradAccum"] - 1
            sync = contextlib.nullcontext() if last or not hasattr(self.ddp_model, "no_sync") else self.ddp_model.no_sync()
            with sync:
                with self.autocast():
                    _, loss = self.ddp_model(torch.from_numpy(x).to(d.device), torch.from_numpy(y).to(d.device))
                (loss / s["gradAccum"]).backward()
            loss_sum += loss.item() / s["gradAccum"]
        lr = learning_rate(self.step, s)
        for group in self.optimizer.param_groups:
            group["lr"] = lr
        grad_norm = clip_grad_norm(self.params, s["gradClip"])
        self.optimizer.step()
        total, stops = all_sum(d, [loss_sum, 1.0 if stop_flag else 0.0])
        self.stop_requested = stops > 0
        ms = (time.perf_counter() - started) * 1000
        self.step += 1
        seen = d.world * self.B * self.T * s["gradAccum"]
        record = {"step": self.step, "loss": total / d.world, "lr": lr, "gradNorm": grad_norm, "ms": ms, "tokensPerSecond": seen * 1000 / ms}
        self.history.append(record)
        return record

    def should_evaluate(self) -> bool:
        e = self.s["evalInterval"]
        return (e > 0 and self.step % e == 0) or self.step == self.s["maxSteps"]

    def evaluate(self, split: str) -> float | None:
        ids = self.data.train.ids if split == "train" else (self.data.val.ids if self.data.val is not None else None)
        if ids is None:
            return None
        self.model.eval()
        seed = self.s["seed"] + (1 if split == "train" else 2)
        return sampled_loss(self.model, ids, self.B, self.T, self.s["evalBatches"], seed, self.d, self.autocast)

    def evaluate_and_record(self) -> dict:
        losses = {"train": self.evaluate("train"), "val": self.evaluate("val")}
        if self.history:
            self.history[-1]["valLoss"] = losses["val"]
            self.history[-1]["trainEvalLoss"] = losses["train"]
        if losses["val"] is not None:
            if self.best_val is None or losses["val"] < self.best_val:
                self.best_val, self.evals_without_improvement = losses["val"], 0
            else:
                self.evals_without_improvement += 1
        return losses

    def state(self, global_batch: int) -> dict:
        config = {k: self.s[k] for k in TRAIN_KEYS}
        config["batchSize"] = global_batch  # as one glassbox process sees the run
        history = [{k: v for k, v in h.items() if v is not None} for h in self.history]
        return {
            "step": self.step,
            "samplerState": self.sampler.state(),
            "history": history,
            "bestValLoss": self.best_val,
            "evalsWithoutImprovement": self.evals_without_improvement,
            "config": config,
        }


# glassbox's TrainConfig, in its order (train/config.ts).
TRAIN_KEYS = ["batchSize", "gradAccum", "maxSteps", "lr", "minLr", "warmupSteps", "decaySteps", "beta1", "beta2", "eps",
              "weightDecay", "gradClip", "evalInterval", "evalBatches", "earlyStopPatience", "seed"]


def run_training(t: Trainer, hooks, stop) -> str:
    """loop.ts's runTraining: returns 'finished', 'stopped' or 'early-stopped'."""
    if t.step == 0 and t.s["evalInterval"] > 0:
        hooks.on_eval(0, {"train": t.evaluate("train"), "val": t.evaluate("val")})
    interval = t.s["checkpointInterval"]
    while not t.done:
        if t.stop_requested:
            hooks.on_checkpoint()
            return "stopped"
        record = t.train_step(stop.requested)
        hooks.on_step(record)
        if t.should_evaluate():
            hooks.on_eval(t.step, t.evaluate_and_record())
        if interval > 0 and t.step % interval == 0 and not t.done:
            hooks.on_checkpoint()
    hooks.on_checkpoint()
    return "early-stopped" if t.stopped_early else "finished"
