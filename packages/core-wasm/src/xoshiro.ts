// xoshiro128**: the one random-number step of glassbox (32-bit state words, so it runs fast in
// JavaScript without BigInt). The model package's seeded Random and the word2vec reference twin
// both advance their state with it, so the two draw identical streams. Not for cryptography.

/** Advances the four-word state in place and returns the next 32 random bits (unsigned). */
export function xoshiro128ss(s: Uint32Array): number {
  const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
  const t = (s[1] << 9) >>> 0;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 11);
  return result;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
