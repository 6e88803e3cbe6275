"""glassbox's seeded random numbers in Python: xoshiro128** seeded through splitmix32.

The same stream, number for number, as packages/model/src/util/random.ts (`Random`) and
core-wasm's xoshiro128ss, so the batch sampler here draws exactly the windows glassbox's trainer
draws, and a sampler state saved by either side continues on the other. Not for cryptography;
normal() is not provided (weights are initialised by torch; see model.py).
"""

MASK = 0xFFFFFFFF


def _rotl(x: int, k: int) -> int:
    return ((x << k) | (x >> (32 - k))) & MASK


def _imul(a: int, b: int) -> int:
    """JavaScript's Math.imul, as an unsigned 32-bit result."""
    return (a * b) & MASK


class Random:
    """xoshiro128**; `Random(seed)` or `Random([s0, s1, s2, s3])` (a saved state)."""

    def __init__(self, seed: int | list[int] = 1337):
        if isinstance(seed, (list, tuple)):
            if len(seed) != 4 or not all(isinstance(v, int) and 0 <= v <= MASK for v in seed):
                raise ValueError(f"a random state is four 32-bit unsigned integers, got {seed!r}")
            self.s = [int(v) for v in seed]
        else:
            x = seed & MASK
            self.s = []
            for _ in range(4):
                x = (x + 0x9E3779B9) & MASK
                z = x
                z = _imul(z ^ (z >> 16), 0x85EBCA6B)
                z = _imul(z ^ (z >> 13), 0xC2B2AE35)
                self.s.append((z ^ (z >> 16)) & MASK)
        if not any(self.s):
            self.s[0] = 1

    def next_u32(self) -> int:
        s = self.s
        result = _imul(_rotl(_imul(s[1], 5), 7), 9)
        t = (s[1] << 9) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = _rotl(s[3], 11)
        return result

    def next(self) -> float:
        """Uniform in [0, 1) with 32 bits of resolution."""
        return self.next_u32() / 4294967296

    def int(self, n: int) -> int:
        """Uniform integer in [0, n): floor(next() · n), as glassbox computes it (in doubles)."""
        return int(self.next() * n)

    def state(self) -> list[int]:
        return list(self.s)
