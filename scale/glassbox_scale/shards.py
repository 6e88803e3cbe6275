"""A `glassbox data prepare` folder, read with numpy.memmap and checked against its tokenizer.

The folder holds train.bin (and val.bin or validation.bin), raw little-endian uint16 or uint32
token ids, each with a JSON sidecar of the same stem (format "glassbox-tokens", version 1, dtype,
count, vocabSize, tokenizer.hash = sha256 of the tokenizer.json text that made it), and
tokenizer.json. Shards are refused when their sidecar does not describe them (size, dtype) or when
their tokenizer hash is not the sha256 of the tokenizer file training was given: ids from another
tokenizer would train the model on the wrong symbols. Nothing is loaded into memory: windows are
sliced from the memory maps. Not handled: several train shards (glassbox writes one per split).
"""

import hashlib
import os
from dataclasses import dataclass

import numpy as np

from .errors import ScaleError
from .jsjson import parse


@dataclass
class Shard:
    path: str
    ids: np.ndarray  # (count,) uint16 or uint32, memory-mapped
    meta: dict


@dataclass
class DataFolder:
    dir: str
    train: Shard
    val: Shard | None  # None when the folder has no validation tokens
    tokenizer_path: str
    tokenizer_hash: str
    vocab_size: int  # the ids' range, from the sidecars
    eot: int | None  # the id between documents, when there is one
    tokenizer_kind: str


def sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def shards_hash(data_dir: str) -> str:
    """The run records' content hash of a shard folder (packages/model/src/node/corpus.ts):
    sha256 of the hex sha256 of train.bin and of the validation shard, joined by a newline."""
    parts = [sha256_file(p) for p in (os.path.join(data_dir, "train.bin"), _validation_path(data_dir)) if p and os.path.exists(p)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _validation_path(data_dir: str) -> str | None:
    return next((p for p in (os.path.join(data_dir, f) for f in ("val.bin", "validation.bin")) if os.path.exists(p)), None)


def read_sidecar(bin_path: str) -> dict:
    path = bin_path[: -len(".bin")] + ".json"
    if not os.path.exists(path):
        raise ScaleError("no JSON sidecar beside this shard (glassbox data prepare writes one)", bin_path)
    with open(path, encoding="utf-8") as f:
        m = parse(f.read(), path)
    bad = lambda what: ScaleError(f"not a glassbox token-shard sidecar: {what}", path)  # noqa: E731
    if not isinstance(m, dict):
        raise bad("expected a JSON object")
    if m.get("format") != "glassbox-tokens":
        raise bad('"format" must be "glassbox-tokens"')
    if m.get("version") != 1:
        raise bad(f"unsupported version {m.get('version')} (this reads 1)")
    if m.get("dtype") not in ("uint16", "uint32"):
        raise bad('"dtype" must be "uint16" or "uint32"')
    if not isinstance(m.get("count"), int) or m["count"] < 0:
        raise bad('"count" must be a whole number')
    if not isinstance(m.get("vocabSize"), int) or m["vocabSize"] < 1:
        raise bad('"vocabSize" must be positive')
    if not isinstance((m.get("tokenizer") or {}).get("hash"), str):
        raise bad('"tokenizer.hash" is missing')
    return m


def open_shard(bin_path: str) -> Shard:
    meta = read_sidecar(bin_path)
    width = 2 if meta["dtype"] == "uint16" else 4
    size = os.path.getsize(bin_path)
    if size != meta["count"] * width:
        raise ScaleError(
            f"holds {size} bytes but its sidecar says {meta['count']} {meta['dtype']} ids ({meta['count'] * width} bytes); "
            "the files do not belong together or one is truncated",
            bin_path,
        )
    ids = np.memmap(bin_path, dtype="<u2" if width == 2 else "<u4", mode="r") if size else np.zeros(0, np.uint16)
    return Shard(bin_path, ids, meta)


def open_data_folder(data_dir: str, tokenizer_path: str | None = None, expected_hash: str | None = None) -> DataFolder:
    """Opens DIR's shards and checks them against the tokenizer (default DIR/tokenizer.json), or
    against expected_hash, the hash rank 0 computed (other machines need not have the file)."""
    if not os.path.isdir(data_dir):
        raise ScaleError("no such folder; pass the --out folder of `glassbox data prepare … --tokenizer …`", data_dir)
    train_path = os.path.join(data_dir, "train.bin")
    if not os.path.exists(train_path):
        raise ScaleError("no train.bin shard in this folder; run `glassbox data prepare` with --tokenizer", data_dir)
    tokenizer_path = tokenizer_path or os.path.join(data_dir, "tokenizer.json")
    if expected_hash is None and not os.path.exists(tokenizer_path):
        raise ScaleError("no tokenizer.json here; pass a `glassbox data prepare` output folder or --tokenizer FILE", tokenizer_path)
    digest = expected_hash or sha256_file(tokenizer_path)
    train = open_shard(train_path)
    val_path = _validation_path(data_dir)
    val = open_shard(val_path) if val_path else None
    for shard in (s for s in (train, val) if s):
        made_by = shard.meta["tokenizer"]["hash"]
        if made_by != digest:
            raise ScaleError(
                f"was tokenized by the tokenizer with sha256 {made_by[:12]}…, but {tokenizer_path} has sha256 {digest[:12]}…; "
                "its ids would mean other tokens. Prepare the data with this tokenizer "
                "(glassbox data prepare … --tokenizer FILE) or pass the tokenizer that made it with --tokenizer",
                shard.path,
            )
    return DataFolder(
        dir=data_dir,
        train=train,
        val=val if val and len(val.ids) else None,  # a one-document corpus has an empty validation shard
        tokenizer_path=tokenizer_path,
        tokenizer_hash=digest,
        vocab_size=max(s.meta["vocabSize"] for s in (train, val) if s),
        eot=train.meta.get("eot"),
        tokenizer_kind=str(train.meta["tokenizer"].get("kind", "")),
    )
