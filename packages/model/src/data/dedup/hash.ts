// Fast non-cryptographic hashes for deduplication: 32-bit FNV-1a over UTF-16 code units with
// murmur3's finaliser for avalanche, and a 53-bit key from two independent 32-bit passes (safe
// as a JavaScript number and a Map key). Collisions among a million documents: about 1 in 10^4
// runs for the 53-bit key; never used where an adversary chooses the input.

/** murmur3's 32-bit finaliser: every input bit flips each output bit with probability about 1/2. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function hash32(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

/** A 53-bit hash of a string, as a safe integer. */
export function hash53(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x3c6ef372;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 13;
  }
  return (fmix32(a) & 0x1fffff) * 0x100000000 + fmix32(b);
}
