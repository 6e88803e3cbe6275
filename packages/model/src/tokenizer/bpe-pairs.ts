// The state of BPE training: every distinct piece of the corpus as a run of token ids in one flat
// array, its frequency, the count of every adjacent pair (weighted by piece frequency), an index
// from each pair to the pieces that hold it, and a heap that yields the most frequent pair.
//
// A merge touches only the pieces that hold the pair and, inside them, only the merge sites: for
// each site it moves the neighbours' pair counts, (x, a) → (x, new) and (b, y) → (new, y). Nothing
// is ever recounted. The heap holds, for every pair, an entry with at least its current count: a
// count that grows gets a fresh entry; one that shrinks keeps its old entry, which is re-pushed
// with the true count when it reaches the top. So the top entry, once its count is current, is
// the most frequent pair. Ties: the smaller left id wins, then the smaller right id.

import { ID_LIMIT, pairKey } from './bpe-model.js';
import { PairHeap } from './heap.js';

export class PairTable {
  private readonly sym: Int32Array;
  private readonly start: Int32Array;
  private readonly len: Int32Array;
  private readonly freq: Int32Array;
  private readonly stamp: Int32Array;
  private readonly count = new Map<number, number>();
  private readonly where = new Map<number, number[]>();
  private readonly heap = new PairHeap();
  /** Pairs a merge changed, with their counts before it. */
  private readonly before = new Map<number, number>();

  /** `pieces`: each distinct piece as token ids, with its frequency. */
  constructor(pieces: readonly { ids: ArrayLike<number>; freq: number }[]) {
    let total = 0;
    for (const p of pieces) total += p.ids.length;
    this.sym = new Int32Array(total);
    this.start = new Int32Array(pieces.length);
    this.len = new Int32Array(pieces.length);
    this.freq = new Int32Array(pieces.length);
    this.stamp = new Int32Array(pieces.length).fill(-1);
    let at = 0;
    pieces.forEach((p, w) => {
      this.start[w] = at;
      this.len[w] = p.ids.length;
      this.freq[w] = p.freq;
      for (let i = 0; i < p.ids.length; i++) this.sym[at + i] = p.ids[i];
      for (let i = 0; i + 1 < p.ids.length; i++) this.add(pairKey(p.ids[i], p.ids[i + 1]), p.freq, w);
      at += p.ids.length;
    });
    for (const [k, c] of this.count) this.heap.push(-c, k);
    this.before.clear();
  }

  /** Moves a pair's count by `by`; with a piece index, records that the piece holds the pair. */
  private add(key: number, by: number, piece = -1): void {
    const c = this.count.get(key) ?? 0;
    if (!this.before.has(key)) this.before.set(key, c);
    this.count.set(key, c + by);
    if (piece < 0) return;
    const list = this.where.get(key);
    if (list === undefined) this.where.set(key, [piece]);
    else if (list[list.length - 1] !== piece) list.push(piece);
  }

  /** The most frequent pair and its count, or undefined when no pair is left. */
  best(): { left: number; right: number; count: number } | undefined {
    const heap = this.heap;
    while (heap.size > 0) {
      const stored = -heap.topKey;
      const key = heap.topTie;
      heap.pop();
      const c = this.count.get(key);
      if (c === stored) return { left: Math.floor(key / ID_LIMIT), right: key % ID_LIMIT, count: c };
      if (c !== undefined && c > 0) heap.push(-c, key); // shrank since pushed: re-queue at its true count
    }
    return undefined;
  }

  /** Replaces every (a, b) by `id` (left to right within each piece) and moves the counts. */
  merge(a: number, b: number, id: number): void {
    const { sym } = this;
    const key = pairKey(a, b);
    for (const w of this.where.get(key) ?? []) {
      if (this.stamp[w] === id) continue;
      this.stamp[w] = id;
      const f = this.freq[w];
      const s = this.start[w];
      const end = s + this.len[w];
      let out = s;
      for (let r = s; r < end; ) {
        if (r + 1 < end && sym[r] === a && sym[r + 1] === b) {
          this.add(key, -f);
          if (out > s) {
            const x = sym[out - 1];
            this.add(pairKey(x, a), -f);
            this.add(pairKey(x, id), f, w);
          }
          if (r + 2 < end) {
            const y = sym[r + 2];
            this.add(pairKey(b, y), -f);
            this.add(pairKey(id, y), f, w);
          }
          sym[out++] = id;
          r += 2;
        } else sym[out++] = sym[r++];
      }
      this.len[w] = out - s;
    }
    this.where.delete(key);
    for (const [k, was] of this.before) {
      const c = this.count.get(k) ?? 0;
      if (c > was) this.heap.push(-c, k);
      else if (c <= 0) {
        this.count.delete(k);
        this.where.delete(k);
      }
    }
    this.before.clear();
  }
}
