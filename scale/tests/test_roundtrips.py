"""The bridge, end to end: glassbox's data and checkpoints go into torchrun + DDP and what comes
back opens in glassbox — with the numbers held against glassbox's own. Tiny models, few steps."""

import functools
import json
import os
import shutil
import signal
import subprocess
import time
import unittest

import numpy as np
import torch

from helpers import ENV, TINY, by_step, glassbox, metrics, prepared_data, read_bytes, reference, tmpdir, torchrun_cmd, train_ddp, weights

from glassbox_scale.config import ModelConfig
from glassbox_scale.model import GPT2LMHeadModel
from glassbox_scale.safetensors import SafetensorsFile, write_safetensors

GB_TINY = [*TINY, "--threads", "1"]


@functools.lru_cache(maxsize=None)
def glassbox_start() -> str:
    """A glassbox run whose checkpoint holds its *initial* weights (one step at learning rate 0)
    and whose metrics.jsonl holds glassbox's losses on them: step 0's evaluation and step 1's batch."""
    out = os.path.join(tmpdir(), "g0")
    glassbox("train", "--data", prepared_data(), "--out", out, *GB_TINY, "--batch-size", "4", "--max-steps", "1",
             "--lr", "0", "--min-lr", "0", "--eval-interval", "1", "--eval-batches", "2")
    return out


class TrainEvalGenerate(unittest.TestCase):
    """data prepare → torchrun (2 ranks, gloo, 30 steps) → glassbox eval and generate."""

    @classmethod
    def setUpClass(cls):
        cls.data = prepared_data()
        cls.out = os.path.join(tmpdir(), "ddp")
        train_ddp("--data", cls.data, "--out", cls.out, *TINY, "--batch-size", "2", "--max-steps", "30",
                  "--eval-interval", "10", "--eval-batches", "2", nproc=2)

    def test_glassbox_loss_on_the_validation_shard_equals_pytorchs(self):
        pytorch = metrics(self.out)[-1]["val_loss_full"]
        r = json.loads(glassbox("eval", self.out, os.path.join(self.data, "val.bin"), "--json").stdout)
        self.assertEqual(r["tokens"], len(np.fromfile(os.path.join(self.data, "val.bin"), "<u2")) - 1)
        self.assertAlmostEqual(r["loss"], pytorch, delta=1e-4)
        self.assertLess(pytorch, 4.3, "30 steps lowered the loss below a uniform guess's ln 80 ≈ 4.38")

    def test_glassbox_generates_from_the_result(self):
        r = glassbox("generate", self.out, "--prompt", "The ", "--max-tokens", "30", "--seed", "1")
        self.assertTrue(r.stdout.startswith("The "), r.stdout)
        self.assertGreater(len(r.stdout.strip()), 10)

    def test_metrics_records_have_glassbox_fields(self):
        ours = metrics(self.out)
        theirs = metrics(glassbox_start())  # a glassbox run with evaluations at steps 0 and 1 (its last)
        self.assertEqual(set(ours[0]), set(theirs[0]), "step 0: the evaluation before training")
        self.assertEqual(set(ours[-1]), set(theirs[-1]), "the last step: evaluation and whole-split loss")
        self.assertEqual(set(ours[1]), {"step", "loss", "lr", "tokens_per_s", "elapsed_s"})
        self.assertEqual(set(by_step(ours)[10]), set(ours[-1]) - {"val_loss_full"})
        self.assertEqual([r["step"] for r in ours], list(range(31)))

    def test_checkpoint_files_are_the_bytes_glassbox_writes(self):
        # glassbox's library opens the run to continue it (its run record and corpus hash checked)
        # and saves it untouched: every file it writes must be byte for byte train_ddp.py's.
        again = os.path.join(tmpdir(), "again")
        r = reference("resave", self.out, again)
        self.assertEqual(r["step"], 30)
        self.assertEqual(r["record"]["corpus"]["kind"], "shards")
        for name in ("config.json", "generation_config.json", "tokenizer_config.json", "model.safetensors",
                     "optimizer.safetensors", "tokenizer.json", "trainer.json"):
            a = read_bytes(os.path.join(self.out, "checkpoint", name))
            b = read_bytes(os.path.join(again, name))
            if name == "trainer.json":  # opened to continue, its maxSteps was raised by one
                b = b.replace(b'"maxSteps":31,', b'"maxSteps":30,', 1)
            self.assertEqual(a, b, name)

    def test_state_dict_names_and_layouts_are_gpt2lmheadmodels(self):
        st = SafetensorsFile(os.path.join(glassbox_start(), "checkpoint", "model.safetensors"))
        model = GPT2LMHeadModel(ModelConfig(80, 32, 2, 2, 32))
        sd = model.state_dict()
        self.assertEqual(list(sd), [*st.entries, "lm_head.weight"])
        for name, (_, shape, _, _) in st.entries.items():
            self.assertEqual(list(sd[name].shape), shape, name)
        self.assertIs(model.lm_head.weight, model.transformer.wte.weight)


class GlassboxCheckpointContinues(unittest.TestCase):
    """A glassbox checkpoint continues under DDP, and the result fine-tunes in glassbox."""

    def test_first_logged_losses_equal_glassboxs_and_the_result_fine_tunes(self):
        start = glassbox_start()
        gb = by_step(metrics(start))
        out = os.path.join(tmpdir(), "init")
        # 2 ranks × 2 = glassbox's batch of 4, drawn by the same seeded sampler.
        train_ddp("--init", start, "--data", prepared_data(), "--out", out, "--batch-size", "2", "--max-steps", "3",
                  "--eval-interval", "3", "--eval-batches", "2", nproc=2)
        ours = by_step(metrics(out))
        self.assertAlmostEqual(ours[0]["train_loss"], gb[0]["train_loss"], delta=1e-4)
        self.assertAlmostEqual(ours[0]["val_loss"], gb[0]["val_loss"], delta=1e-4)
        self.assertAlmostEqual(ours[1]["loss"], gb[1]["loss"], delta=1e-4)
        ft = os.path.join(tmpdir(), "ft")
        glassbox("finetune", out, "--data", "builtin", "--out", ft, "--max-steps", "2", "--batch-size", "2",
                 "--eval-interval", "0", "--threads", "1")
        self.assertTrue(os.path.exists(os.path.join(ft, "checkpoint", "model.safetensors")))

    def test_init_reads_a_gpt2_folder_as_the_hub_publishes_it(self):
        # Names without "transformer.", the attention-mask buffers and a tied lm_head copy.
        start = glassbox_start()
        hub = os.path.join(tmpdir(), "hub")
        os.makedirs(hub)
        src = SafetensorsFile(os.path.join(start, "checkpoint", "model.safetensors"))
        tensors = [(n.removeprefix("transformer."), src.read(n)) for n in src.entries]
        tensors += [(f"h.{i}.attn.bias", np.tril(np.ones((1, 1, 32, 32), np.float32))) for i in range(2)]
        tensors.append(("lm_head.weight", src.read("transformer.wte.weight")))
        with open(os.path.join(hub, "model.safetensors"), "wb") as f:
            write_safetensors(f, tensors, {"format": "pt"})
        config = json.loads(read_bytes(os.path.join(start, "checkpoint", "config.json")))
        config.pop("glassbox")
        with open(os.path.join(hub, "config.json"), "w") as f:
            json.dump({**config, "resid_pdrop": 0.1, "bos_token_id": 79}, f)
        out = os.path.join(tmpdir(), "from-hub")
        train_ddp("--init", hub, "--data", prepared_data(), "--out", out, "--batch-size", "4", "--max-steps", "1",
                  "--eval-interval", "1", "--eval-batches", "2")
        gb = by_step(metrics(start))
        ours = by_step(metrics(out))
        self.assertAlmostEqual(ours[0]["val_loss"], gb[0]["val_loss"], delta=1e-4)
        self.assertAlmostEqual(ours[1]["loss"], gb[1]["loss"], delta=1e-4)


class RunsContinueBothWays(unittest.TestCase):
    def test_a_glassbox_run_resumes_under_ddp_and_a_ddp_run_resumes_in_glassbox(self):
        data = prepared_data()
        gb = os.path.join(tmpdir(), "gb")
        glassbox("train", "--data", data, "--out", gb, *GB_TINY, "--batch-size", "4", "--max-steps", "6", "--eval-interval", "0")
        ddp = os.path.join(tmpdir(), "ddp")
        shutil.copytree(gb, ddp)
        glassbox("train", "--resume", gb, "--max-steps", "10", "--threads", "1")
        train_ddp("--resume", ddp, "--max-steps", "10", nproc=2)  # 2 ranks × 2: glassbox's batch of 4
        a, b = by_step(metrics(gb)), by_step(metrics(ddp))
        for step in range(7, 11):
            self.assertAlmostEqual(a[step]["loss"], b[step]["loss"], delta=1e-4, msg=f"step {step}")
        # …and back: glassbox continues the DDP run as one process continues it.
        back = os.path.join(tmpdir(), "back")
        shutil.copytree(ddp, back)
        glassbox("train", "--resume", back, "--max-steps", "12", "--threads", "1")
        train_ddp("--resume", ddp, "--max-steps", "12")
        a, b = by_step(metrics(back)), by_step(metrics(ddp))
        for step in (11, 12):
            self.assertAlmostEqual(a[step]["loss"], b[step]["loss"], delta=1e-4, msg=f"step {step}")


class DataParallel(unittest.TestCase):
    def test_two_ranks_with_batch_b_train_as_one_rank_with_2b_on_different_data(self):
        data = prepared_data()
        runs = {}
        for name, nproc, batch in (("2x2", 2, "2"), ("1x4", 0, "4"), ("1x2", 0, "2")):
            out = os.path.join(tmpdir(), name)
            train_ddp("--data", data, "--out", out, *TINY, "--batch-size", batch, "--max-steps", "5", "--eval-interval", "0",
                      "--warmup-steps", "0", "--lr", "0.01", "--trace-batches", os.path.join(out, "trace"), nproc=nproc)
            runs[name] = out
        two, one, half = (weights(runs[k]) for k in ("2x2", "1x4", "1x2"))
        same = max(np.abs(two[n] - one[n]).max() for n in one)
        other = max(np.abs(half[n] - one[n]).max() for n in one)
        self.assertLess(same, 1e-4, "2 ranks × 2 end where 1 rank × 4 ends (float rounding apart)")
        self.assertGreater(other, 1e-2, "while batch 2 alone ends elsewhere")

        def trace(run_dir, rank):
            with open(os.path.join(run_dir, "trace", f"rank{rank}.jsonl")) as f:
                return [json.loads(line)["starts"] for line in f]

        r0, r1, single = trace(runs["2x2"], 0), trace(runs["2x2"], 1), trace(runs["1x4"], 0)
        self.assertEqual(len(r0), 5)
        for step in range(5):
            self.assertTrue(set(r0[step]).isdisjoint(r1[step]), f"step {step}: the ranks read different windows")
            self.assertEqual(r0[step] + r1[step], single[step], f"step {step}: together, the one-rank batch")


def descendants_with_rank(root: int, rank: int) -> list[int]:
    """Processes under `root` whose environment says RANK=<rank> (torchrun's workers)."""
    children: dict[int, list[int]] = {}
    for pid in (int(p) for p in os.listdir("/proc") if p.isdigit()):
        try:
            with open(f"/proc/{pid}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(pid)
        except (OSError, IndexError, ValueError):
            continue
    found, todo = [], [root]
    while todo:
        for pid in children.get(todo.pop(), []):
            todo.append(pid)
            try:
                with open(f"/proc/{pid}/environ", "rb") as f:
                    if f"RANK={rank}".encode() in f.read().split(b"\0"):
                        found.append(pid)
            except OSError:
                continue
    return found


class KillAndResume(unittest.TestCase):
    def test_a_killed_rank_leaves_a_loadable_checkpoint_and_resume_continues_exactly(self):
        data = prepared_data()
        common = ["--data", data, *TINY, "--batch-size", "2", "--eval-interval", "0", "--warmup-steps", "5",
                  "--decay-steps", "100", "--checkpoint-interval", "3"]
        out = os.path.join(tmpdir(), "killed")
        ckpt = os.path.join(out, "checkpoint", "trainer.json")
        proc = subprocess.Popen(torchrun_cmd(2, *common, "--out", out, "--max-steps", "100000"), env=ENV,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.time() + 240
            while not os.path.exists(ckpt) and proc.poll() is None and time.time() < deadline:
                time.sleep(0.05)
            victims = descendants_with_rank(proc.pid, 1)
            self.assertEqual(len(victims), 1, "one worker of rank 1")
            os.kill(victims[0], signal.SIGKILL)
            _, err = proc.communicate(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("another rank failed", err)
        step = json.loads(read_bytes(ckpt))["step"]
        self.assertEqual(step % 3, 0)
        r = json.loads(glassbox("eval", out, os.path.join(data, "val.bin"), "--json").stdout)  # loadable
        self.assertLess(r["loss"], 5)

        train_ddp("--resume", out, "--max-steps", str(step + 3), nproc=2)
        straight = os.path.join(tmpdir(), "straight")
        train_ddp(*common, "--out", straight, "--max-steps", str(step + 3), nproc=2)
        a, b = weights(out), weights(straight)
        for name in a:
            np.testing.assert_allclose(a[name], b[name], rtol=0, atol=1e-6, err_msg=name)
        resumed, uninterrupted = by_step(metrics(out)), by_step(metrics(straight))
        for s in range(1, step + 4):
            self.assertAlmostEqual(resumed[s]["loss"], uninterrupted[s]["loss"], delta=1e-6, msg=f"step {s}")


if __name__ == "__main__":
    torch.set_num_threads(1)
    unittest.main()
