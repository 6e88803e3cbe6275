"""The safetensors format (Hugging Face), written and read with the standard library and numpy.

  8 bytes   little-endian u64 N, the header length
  N bytes   JSON {"__metadata__": {str: str}, name: {dtype, shape, data_offsets: [begin, end]}, …},
            padded with spaces so the data starts 8-byte aligned
  data      every tensor's little-endian bytes, offsets relative to the end of the header

The writer produces glassbox's layout exactly (metadata first, tensors in the order given, F32,
compact JSON), streaming one tensor at a time so a model never needs a second copy in memory.
The reader validates like glassbox's: a bounded header, known dtypes, sizes that match shapes,
ranges inside the file, no overlaps; F32, F16 and BF16 tensors come back as float32 arrays.
Not handled: integer tensors (GPT-2 folders hold none that matter) and big-endian hosts.
"""

import json
import os
import struct
from typing import BinaryIO, Iterable

import numpy as np

from .errors import ScaleError

MAX_HEADER_BYTES = 16 * 1024 * 1024
DTYPE_BYTES = {"F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1}


def write_safetensors(f: BinaryIO, tensors: Iterable[tuple[str, np.ndarray]], metadata: dict[str, str] | None = None):
    """Writes (name, float32 array) pairs to an open binary file, in order."""
    tensors = [(name, np.ascontiguousarray(a, dtype="<f4")) for name, a in tensors]
    header: dict = {}
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    offset = 0
    for name, a in tensors:
        header[name] = {"dtype": "F32", "shape": list(a.shape), "data_offsets": [offset, offset + a.nbytes]}
        offset += a.nbytes
    raw = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode()
    raw += b" " * (-len(raw) % 8)
    f.write(struct.pack("<Q", len(raw)))
    f.write(raw)
    for _, a in tensors:
        f.write(memoryview(a.reshape(-1)).cast("B"))


class SafetensorsFile:
    """A validated safetensors file: names → (dtype, shape, begin, end); tensors read on demand."""

    def __init__(self, path: str):
        self.path = path
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            head = f.read(8)
            if len(head) < 8:
                self._fail(f"only {len(head)} bytes long")
            (n,) = struct.unpack("<Q", head)
            if n > min(MAX_HEADER_BYTES, size - 8):
                self._fail(f"header length {n} exceeds {'the 16 MiB limit' if n > MAX_HEADER_BYTES else 'the file size'}")
            try:
                header = json.loads(f.read(n).decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                self._fail("header is not valid UTF-8 JSON")
        if not isinstance(header, dict):
            self._fail("header is not a JSON object")
        self.data_start = 8 + n
        data_len = size - self.data_start
        self.metadata: dict[str, str] = header.pop("__metadata__", None) or {}
        self.entries: dict[str, tuple[str, list[int], int, int]] = {}
        for name, info in header.items():
            dtype = str(info.get("dtype")) if isinstance(info, dict) else None
            if dtype not in DTYPE_BYTES:
                self._fail(f'tensor "{name}" has unknown dtype {dtype}')
            shape, off = info.get("shape"), info.get("data_offsets")
            if not isinstance(shape, list) or not all(isinstance(d, int) and d >= 0 for d in shape):
                self._fail(f'tensor "{name}" has a malformed shape')
            if not isinstance(off, list) or len(off) != 2 or not all(isinstance(o, int) and o >= 0 for o in off):
                self._fail(f'tensor "{name}" has malformed data_offsets')
            begin, end = off
            if end < begin or end > data_len:
                self._fail(f'tensor "{name}" spans bytes {begin}–{end}, outside the {data_len} data bytes')
            need = int(np.prod(shape, dtype=np.int64)) * DTYPE_BYTES[dtype]
            if end - begin != need:
                self._fail(f'tensor "{name}" holds {end - begin} bytes but its shape {shape} needs {need}')
            self.entries[name] = (dtype, shape, begin, end)
        spans = sorted((b, e, name) for name, (_, _, b, e) in self.entries.items())
        for (_, e0, n0), (b1, _, n1) in zip(spans, spans[1:]):
            if b1 < e0:
                self._fail(f'tensors "{n0}" and "{n1}" overlap')

    def _fail(self, message: str):
        raise ScaleError(f"{message}; the file is corrupt, truncated or not a safetensors file", self.path)

    def read(self, name: str) -> np.ndarray:
        """The tensor as a float32 array of its shape (F16 and BF16 widened exactly)."""
        dtype, shape, begin, end = self.entries[name]
        count = (end - begin) // DTYPE_BYTES[dtype]
        if dtype not in ("F32", "F16", "BF16"):
            raise ScaleError(f'tensor "{name}" is {dtype}; only F32, F16 and BF16 weights can be read', self.path)
        raw = np.fromfile(self.path, dtype="<u2" if dtype != "F32" else "<f4", count=count, offset=self.data_start + begin)
        if dtype == "F16":
            raw = raw.view("<f2").astype(np.float32)
        elif dtype == "BF16":
            raw = (raw.astype(np.uint32) << 16).view(np.float32)
        return raw.astype(np.float32, copy=False).reshape(shape)
