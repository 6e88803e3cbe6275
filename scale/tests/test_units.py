"""scale/'s building blocks held against glassbox's own: random stream, JSON numbers,
safetensors bytes, config refusals, and bad input answered in one line."""

import contextlib
import io
import json
import os
import signal
import struct
import subprocess
import unittest

import numpy as np

from helpers import TINY, prepared_data, reference, tmpdir, train_ddp

from glassbox_scale.config import from_hf
from glassbox_scale.errors import ScaleError
from glassbox_scale.jsjson import js_number, stringify
from glassbox_scale.rng import Random
from glassbox_scale.safetensors import SafetensorsFile, write_safetensors


class RandomStream(unittest.TestCase):
    def test_draws_and_state_match_glassbox(self):
        for seed, span in [(1337, 407076), (0, 7), (4294967295, 1000003), (1338, 2)]:
            want = reference("random", str(seed), "500", str(span))
            rng = Random(seed)
            self.assertEqual([rng.int(span) for _ in range(500)], want["draws"], f"seed {seed}")
            self.assertEqual(rng.state(), want["state"])
            again = Random(want["state"])  # a saved state continues the stream
            self.assertEqual(again.next_u32(), Random(rng.state()).next_u32())


class JavaScriptJSON(unittest.TestCase):
    def test_numbers_and_objects_are_written_as_javascript_writes_them(self):
        numbers = [1e-5, 0.0001, 1e-7, 1.5e-7, 123.456, 1e21, 1e20, 4.174332141876221, 0.1, 100.0, 3, -2.5e-8,
                   12345678901234567890.0, 1e-6, 0.000123, 0.00009900990099009901, 2**53 + 2.0, -0.0]
        want = reference("numbers", *[repr(x) for x in numbers])
        self.assertEqual([js_number(x) for x in numbers], want["strings"])
        sample = {"a": numbers, "b": 'x"y\n\u0001é', "c": {"d": None, "e": True, "f": []}}
        self.assertEqual(stringify(sample, 2), want["sample"])


class Safetensors(unittest.TestCase):
    def test_written_here_read_by_glassbox(self):
        path = os.path.join(tmpdir(), "t.safetensors")
        rng = np.random.default_rng(1)
        tensors = [("transformer.wte.weight", rng.standard_normal((5, 3)).astype(np.float32)),
                   ("b", np.arange(7, dtype=np.float32)), ("scalar_row", np.ones((1,), np.float32))]
        with open(path, "wb") as f:
            write_safetensors(f, tensors, {"format": "pt"})
        got = reference("safetensors", path)
        self.assertEqual(got["metadata"], {"format": "pt"})
        self.assertEqual([t["name"] for t in got["tensors"]], [n for n, _ in tensors])
        for t, (_, a) in zip(got["tensors"], tensors):
            self.assertEqual(t["shape"], list(a.shape))
            self.assertAlmostEqual(t["sum"], float(a.sum()), places=4)
        with open(path, "rb") as f:
            (n,) = struct.unpack("<Q", f.read(8))
        self.assertEqual(n % 8, 0, "data starts 8-byte aligned")
        back = SafetensorsFile(path)
        for name, a in tensors:
            np.testing.assert_array_equal(back.read(name), a)

    def test_half_precision_is_widened_exactly(self):
        path = os.path.join(tmpdir(), "h.safetensors")
        values = np.array([0.5, -1.25, 3.0e-3, 65504.0], np.float32)
        f16 = values.astype("<f2").tobytes()
        bf16 = (values.view(np.uint32) >> 16).astype("<u2").tobytes()
        header = json.dumps({"h": {"dtype": "F16", "shape": [4], "data_offsets": [0, 8]},
                             "b": {"dtype": "BF16", "shape": [2, 2], "data_offsets": [8, 16]}}).encode()
        with open(path, "wb") as f:
            f.write(struct.pack("<Q", len(header)) + header + f16 + bf16)
        st = SafetensorsFile(path)
        np.testing.assert_array_equal(st.read("h"), values.astype(np.float16).astype(np.float32))
        np.testing.assert_array_equal(st.read("b").reshape(-1), (values.view(np.uint32) & 0xFFFF0000).view(np.float32))

    def test_corrupt_files_are_refused_with_the_reason(self):
        d = tmpdir()
        good = json.dumps({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}).encode()
        cases = {
            b"abc": "only 3 bytes long",
            struct.pack("<Q", 10**9) + b"{}": "exceeds",
            struct.pack("<Q", 2) + b"[]": "not a JSON object",
            struct.pack("<Q", len(good)) + good + b"\0" * 4: "outside the 4 data bytes",
            struct.pack("<Q", len(good)) + good.replace(b"F32", b"Q99") + b"\0" * 8: "unknown dtype Q99",
        }
        for i, (raw, message) in enumerate(cases.items()):
            path = os.path.join(d, f"bad{i}.safetensors")
            with open(path, "wb") as f:
                f.write(raw)
            with self.assertRaises(ScaleError) as e:
                SafetensorsFile(path)
            self.assertIn(message, str(e.exception))


class ConfigRefusals(unittest.TestCase):
    def test_keys_that_change_the_computation_are_honoured_or_refused(self):
        base = {"vocab_size": 80, "n_positions": 32, "n_layer": 2, "n_head": 2, "n_embd": 32}
        self.assertEqual(from_hf({**base, "layer_norm_epsilon": 1e-6}).layer_norm_epsilon, 1e-6)
        self.assertEqual(from_hf({"model_type": "gpt2"}).n_embd, 768)  # GPT2Config's defaults
        for extra, message in [
            ({"activation_function": "relu"}, "activation_function"),
            ({"n_inner": 100}, "n_inner"),
            ({"tie_word_embeddings": False}, "untied"),
            ({"scale_attn_by_inverse_layer_idx": True}, "scale_attn_by_inverse_layer_idx"),
            ({"model_type": "llama"}, "GPT-2"),
            ({"n_head": 3}, "divisible"),
        ]:
            with self.assertRaises(ScaleError) as e:
                from_hf({**base, **extra})
            self.assertIn(message, str(e.exception))


class BadInput(unittest.TestCase):
    def assert_one_line(self, r, message: str):
        self.assertEqual(r.returncode, 1, r.stderr)
        lines = r.stderr.strip().splitlines()
        self.assertEqual(len(lines), 1, r.stderr)
        self.assertTrue(lines[0].startswith("error: "), r.stderr)
        self.assertIn(message, lines[0])

    def test_bad_input_gets_one_clear_line(self):
        data = prepared_data()
        d = tmpdir()
        other_tok = os.path.join(d, "other-tokenizer.json")
        with open(os.path.join(data, "tokenizer.json"), encoding="utf-8") as f:
            tok = json.load(f)
        with open(other_tok, "w", encoding="utf-8") as f:
            json.dump(tok, f, indent=1)  # the same tokenizer, other bytes: another hash
        os.makedirs(os.path.join(d, "taken", "checkpoint"))
        with open(os.path.join(d, "taken", "checkpoint", "config.json"), "w") as f:
            f.write("{}")
        out = os.path.join(d, "out")
        cases = [
            (["--data", os.path.join(d, "nope"), "--out", out], "no such folder"),
            (["--data", data, "--out", out, "--tokenizer", other_tok], "its ids would mean other tokens"),
            (["--data", data, "--out", out, "--lr", "fast"], '--lr: expected a number, got "fast"'),
            (["--data", data, "--out", out, "--batch-size", "0"], "--batch-size: must be a whole number ≥ 1"),
            (["--data", data, "--out", out, "--init", os.path.join(d, "none")], "no such checkpoint folder"),
            (["--data", data, "--out", os.path.join(d, "taken")], "already holds a training run"),
            (["--data", data, "--out", out, "--bf16", *TINY, "--max-steps", "1"], "--bf16: bfloat16 autocast needs CUDA"),
            (["--data", data, "--out", out, "--resume", out], "no such checkpoint folder"),
            (["--data", data], "--out DIR is required"),
            (["--data", data, "--out", out, "--init", out, "--config", out], "not allowed with argument"),
        ]
        # Two as a user meets them (a process: exit code, stderr); the rest through main() itself.
        for args, message in cases[:2]:
            with self.subTest(args=args):
                self.assert_one_line(train_ddp(*args, check=False), message)
        for args, message in cases[2:]:
            with self.subTest(args=args):
                self.assert_one_line(in_process(args), message)


def in_process(args: list[str]) -> subprocess.CompletedProcess:
    """train_ddp.main(args) in this process, as a finished process would report it."""
    import train_ddp

    err = io.StringIO()
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = train_ddp.main(args)
    finally:
        for s, h in handlers.items():
            signal.signal(s, h)
    return subprocess.CompletedProcess(args, code, "", err.getvalue())


if __name__ == "__main__":
    unittest.main()
