"""The scale-out benchmark: train_ddp.py beside glassbox's own trainer, same model, data and batch.

    /usr/bin/python3 scale/bench.py [--steps N] [--docs N]

Prepares the first N documents of the built-in Brown corpus with `glassbox data prepare` (character
tokenizer), then trains the baby recipe's shape (4 layers, 4 heads, 128 wide, block 64, global
batch 12) for --steps steps four ways, one after another: glassbox on 1 and on 2 threads,
train_ddp.py as one process (1 thread) and under torchrun with 2 ranks (gloo, 1 thread each,
batch 6 per rank). Prints the median tokens/s of each (steps after the first 5, from each run's
metrics.jsonl) with its ratio to glassbox on 2 threads, and the training loss of each run every
few steps side by side (the runs start from different random weights, so the curves are compared,
not the numbers). Needs the CLI built and Debian's python3-torch.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests"))

from helpers import CLI, PYTHON, SCALE  # noqa: E402

SHAPE = ["--n-layer", "4", "--n-head", "4", "--n-embd", "128", "--block-size", "64"]


def sh(cmd: list[str], threads: int) -> None:
    env = {**os.environ, "OMP_NUM_THREADS": str(threads), "NO_COLOR": "1"}
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if r.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{r.stderr[-2000:]}")


def records(run_dir: str) -> list[dict]:
    with open(os.path.join(run_dir, "metrics.jsonl"), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=60)
    ap.add_argument("--docs", type=int, default=200)
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="gb-scale-bench-")
    brown = os.path.join(work, "brown.jsonl")
    sh(["node", CLI, "data", "corpus", "brown", "--out", brown], 1)
    with open(brown, encoding="utf-8") as f:
        lines = [next(f) for _ in range(a.docs)]
    small = os.path.join(work, "small.jsonl")
    with open(small, "w", encoding="utf-8") as f:
        f.writelines(lines)
    data = os.path.join(work, "data")
    sh(["node", CLI, "data", "prepare", small, "--out", data, "--tokenizer", "char"], 1)

    common = [*SHAPE, "--max-steps", str(a.steps), "--warmup-steps", "10", "--decay-steps", str(a.steps),
              "--eval-interval", "0", "--checkpoint-interval", str(a.steps), "--seed", "1"]
    ddp = os.path.join(SCALE, "train_ddp.py")
    runs = {
        "glassbox, 2 threads": (["node", CLI, "train", "--data", data, "--threads", "2", "--batch-size", "12", *common], 1),
        "glassbox, 1 thread": (["node", CLI, "train", "--data", data, "--threads", "1", "--batch-size", "12", *common], 1),
        "train_ddp.py, 1 process": ([PYTHON, ddp, "--data", data, "--batch-size", "12", *common], 1),
        "train_ddp.py, 2 ranks (gloo)": ([PYTHON, os.path.join(SCALE, "torchrun.py"), "--nproc_per_node", "2", ddp,
                                          "--backend", "gloo", "--data", data, "--batch-size", "6", *common], 1),
    }
    results = {}
    for name, (cmd, threads) in runs.items():
        out = os.path.join(work, name.split(",")[0].replace(".", "-") + "-" + name.split(", ")[1].replace(" ", "-"))
        sh([*cmd, "--out", out], threads)
        recs = [r for r in records(out) if "tokens_per_s" in r]
        results[name] = (statistics.median(r["tokens_per_s"] for r in recs if r["step"] > 5),
                         {r["step"]: r["loss"] for r in recs})
        print(f"{name}: {results[name][0]:,.0f} tokens/s", file=sys.stderr, flush=True)

    ref = results["glassbox, 2 threads"][0]
    print(f"\nbaby shape (4 × 128, block 64), global batch 12 × 64 tokens, {a.steps} steps, Brown's first {a.docs} documents, char tokens\n")
    print(f"{'run':<30} {'tokens/s (median)':>18} {'× glassbox 2 threads':>22}")
    for name, (tps, _) in results.items():
        print(f"{name:<30} {tps:>18,.0f} {tps / ref:>21.2f}×")
    print("\ntraining loss by step")
    names = list(results)
    print("step  " + "  ".join(f"{n:>28}" for n in names))
    every = max(1, a.steps // 6)
    for step in range(1, a.steps + 1):
        if step % every and step != a.steps:
            continue
        print(f"{step:>4}  " + "  ".join(f"{results[n][1].get(step, float('nan')):>28.3f}" for n in names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
