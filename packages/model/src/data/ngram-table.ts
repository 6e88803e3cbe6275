// A counting hash table for n-grams of word ids, keyed by two 32-bit hashes (64 bits, so
// collisions within one document are practically impossible), open addressing in typed arrays.
// It exists because a JavaScript Map keyed by non-small numbers or strings made the Gopher
// repetition rules the slowest step of curation by far.

export class NgramCounter {
  private readonly ka: Int32Array;
  private readonly kb: Int32Array;
  /** Occurrences per slot (0 = empty). */
  readonly counts: Int32Array;
  /** Start position of the first occurrence per slot. */
  readonly firsts: Int32Array;
  private readonly mask: number;

  private static shared?: NgramCounter;

  private constructor(size: number) {
    this.ka = new Int32Array(size);
    this.kb = new Int32Array(size);
    this.counts = new Int32Array(size);
    this.firsts = new Int32Array(size);
    this.mask = size - 1;
  }

  /** An empty table for about `expected` keys; one reused instance (callers never hold two). */
  static empty(expected: number): NgramCounter {
    let size = 16;
    while (size < expected * 2) size <<= 1;
    const t = NgramCounter.shared;
    if (t && t.counts.length >= size && t.counts.length <= size * 8) {
      t.counts.fill(0);
      return t;
    }
    NgramCounter.shared = new NgramCounter(size);
    return NgramCounter.shared;
  }

  /** Slot of key (a, b): where it is, or the empty slot where it would go. */
  slot(a: number, b: number): number {
    let i = (a ^ Math.imul(b, 0x9e3779b1)) & this.mask;
    while (this.counts[i] !== 0 && (this.ka[i] !== a || this.kb[i] !== b)) i = (i + 1) & this.mask;
    return i;
  }

  /** Counts one occurrence starting at `pos`; returns its slot (counts[slot] > 1: seen before). */
  add(a: number, b: number, pos: number): number {
    const i = this.slot(a, b);
    if (this.counts[i] === 0) {
      this.ka[i] = a;
      this.kb[i] = b;
      this.firsts[i] = pos;
    }
    this.counts[i]++;
    return i;
  }
}

/**
 * Hashes of every n-gram of a word-id sequence, for growing n: grow(n) extends each (n−1)-gram
 * hash by one word, so moving through n = 2 … 10 costs one pass per n, not n passes.
 */
export class NgramHashes {
  private readonly a: Int32Array;
  private readonly b: Int32Array;
  private n = 0;

  constructor(private readonly ids: Int32Array) {
    this.a = new Int32Array(ids.length).fill(0x811c9dc5 | 0);
    this.b = new Int32Array(ids.length).fill(0x9747b28c | 0);
  }

  /** Moves to n-grams of length n (n never decreases). */
  grow(n: number): void {
    const { a, b, ids } = this;
    for (; this.n < n; this.n++) {
      const k = this.n;
      for (let i = 0; i + k < ids.length; i++) {
        a[i] = Math.imul(a[i] ^ ids[i + k], 0x01000193);
        const x = Math.imul(b[i] ^ ids[i + k], 0x5bd1e995);
        b[i] = x ^ (x >>> 15);
      }
    }
  }

  /** First key half of the n-gram at i (finalised so its low bits, the table index, are mixed). */
  keyA(i: number): number {
    let x = this.a[i];
    x ^= x >>> 16;
    x = Math.imul(x, 0x85ebca6b);
    return x ^ (x >>> 13);
  }

  keyB(i: number): number {
    return this.b[i];
  }
}
