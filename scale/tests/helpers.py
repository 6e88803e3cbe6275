"""What scale/'s tests share: the programs they run and a small prepared corpus.

glassbox runs as a user runs it (node packages/cli/dist/main.js); train_ddp.py runs under
scale/torchrun.py (torchrun's launcher) or as one process, with one thread per rank so the tests
stay fast on two cores. The corpus is the first 40 documents of the built-in Brown corpus,
prepared once per test run with a character tokenizer. Models are tiny (2 layers, 32 wide).
"""

import functools
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCALE = os.path.dirname(HERE)
REPO = os.path.dirname(SCALE)
sys.path.insert(0, SCALE)

PYTHON = os.environ.get("GLASSBOX_PYTHON") or ("/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable)
CLI = os.path.join(REPO, "packages", "cli", "dist", "main.js")
ENV = {**os.environ, "OMP_NUM_THREADS": "1", "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"}
TINY = ["--n-layer", "2", "--n-head", "2", "--n-embd", "32", "--block-size", "32"]
TIMEOUT = 300


def tmpdir() -> str:
    root = os.environ.get("SCALE_TEST_TMP") or tempfile.gettempdir()
    return tempfile.mkdtemp(prefix="gb-scale-", dir=root)


def run(cmd: list[str], check: bool = True, **kw) -> subprocess.CompletedProcess:
    r = subprocess.run(cmd, capture_output=True, text=True, env=ENV, timeout=TIMEOUT, **kw)
    if check and r.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} exited {r.returncode}\nstdout:\n{r.stdout[-3000:]}\nstderr:\n{r.stderr[-3000:]}")
    return r


def glassbox(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return run(["node", CLI, *args], check=check)


def reference(*args: str) -> dict:
    """glassbox_ref.mjs's answer."""
    return json.loads(run(["node", os.path.join(HERE, "glassbox_ref.mjs"), *args]).stdout)


def train_ddp(*args: str, nproc: int = 0, check: bool = True) -> subprocess.CompletedProcess:
    """train_ddp.py under torchrun with nproc ranks (gloo), or as one process when nproc is 0."""
    script = os.path.join(SCALE, "train_ddp.py")
    if nproc:
        cmd = [PYTHON, os.path.join(SCALE, "torchrun.py"), "--nproc_per_node", str(nproc), script, "--backend", "gloo", *args]
    else:
        cmd = [PYTHON, script, *args]
    return run(cmd, check=check)


def torchrun_cmd(nproc: int, *args: str) -> list[str]:
    script = os.path.join(SCALE, "train_ddp.py")
    return [PYTHON, os.path.join(SCALE, "torchrun.py"), "--nproc_per_node", str(nproc), script, "--backend", "gloo", *args]


@functools.lru_cache(maxsize=None)
def prepared_data() -> str:
    """A `glassbox data prepare` folder (char tokenizer), made once."""
    d = tmpdir()
    brown = os.path.join(d, "brown.jsonl")
    glassbox("data", "corpus", "brown", "--out", brown)
    with open(brown, encoding="utf-8") as f:
        lines = [next(f) for _ in range(40)]
    small = os.path.join(d, "small.jsonl")
    with open(small, "w", encoding="utf-8") as f:
        f.writelines(lines)
    out = os.path.join(d, "data")
    glassbox("data", "prepare", small, "--out", out, "--tokenizer", "char")
    return out


def metrics(run_dir: str) -> list[dict]:
    with open(os.path.join(run_dir, "metrics.jsonl"), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def by_step(records: list[dict]) -> dict[int, dict]:
    return {r["step"]: r for r in records}


def weights(run_dir: str) -> dict:
    """model.safetensors of a run folder, name → float32 array."""
    from glassbox_scale.safetensors import SafetensorsFile

    st = SafetensorsFile(os.path.join(run_dir, "checkpoint", "model.safetensors"))
    return {name: st.read(name) for name in st.entries}


def read_bytes(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()
