// Encoding one pre-tokenized piece with a BPE merge table: start from one token per byte and
// repeatedly merge the adjacent pair with the lowest rank, leftmost first on ties, until no pair
// merges — tiktoken's rule. Short pieces (nearly all of them) use a plain scan of the pairs; long
// ones (a run of 5,000 letters, say) use a heap over a linked list, so they cost n·log n rather
// than n². Both give identical output; tests hold them against each other.

import { type BpeModel, ID_LIMIT } from './bpe-model.js';
import { PairHeap } from './heap.js';

const HEAP_FROM = 64;

/**
 * Token ids of one piece's bytes, appended to `out`. Merges of rank ≥ `maxRank` are not applied
 * (used to recover a rank-only vocabulary's merges list).
 */
export function encodePiece(model: BpeModel, bytes: Uint8Array, out: number[], maxRank = ID_LIMIT): void {
  if (bytes.length >= HEAP_FROM) encodeLong(model, bytes, out, maxRank);
  else encodeShort(model, bytes, out, maxRank);
}

/** The plain rule, O(n²): scan all adjacent pairs for the lowest rank, merge it, repeat. */
export function encodeShort(model: BpeModel, bytes: Uint8Array, out: number[], maxRank = ID_LIMIT): void {
  const ids: number[] = new Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) ids[i] = model.byteIds[bytes[i]];
  const limit = maxRank * ID_LIMIT;
  const merges = model.merges;
  for (;;) {
    let best = limit;
    let at = -1;
    for (let i = 0; i + 1 < ids.length; i++) {
      const v = merges.get(ids[i] * ID_LIMIT + ids[i + 1]);
      if (v !== undefined && v < best) {
        best = v;
        at = i;
      }
    }
    if (at < 0) break;
    ids[at] = best % ID_LIMIT;
    ids.splice(at + 1, 1);
  }
  for (const id of ids) out.push(id);
}

/** The same rule with a min-heap of candidate merges keyed by (rank, position) over a linked list. */
export function encodeLong(model: BpeModel, bytes: Uint8Array, out: number[], maxRank = ID_LIMIT): void {
  const n = bytes.length;
  const sym = new Int32Array(n);
  const next = new Int32Array(n);
  const prev = new Int32Array(n);
  const alive = new Uint8Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    sym[i] = model.byteIds[bytes[i]];
    next[i] = i + 1 < n ? i + 1 : -1;
    prev[i] = i - 1;
  }
  const limit = maxRank * ID_LIMIT;
  const heap = new PairHeap();
  const consider = (left: number) => {
    const right = next[left];
    if (left < 0 || right < 0) return;
    const v = model.merge(sym[left], sym[right]);
    if (v !== undefined && v < limit) heap.push(v, left);
  };
  for (let i = 0; i + 1 < n; i++) consider(i);
  while (heap.size > 0) {
    const v = heap.topKey;
    const left = heap.topTie;
    heap.pop();
    const right = next[left];
    // Stale entry: the left token was merged away, or the pair changed since it was pushed.
    if (!alive[left] || right < 0 || model.merge(sym[left], sym[right]) !== v) continue;
    sym[left] = v % ID_LIMIT;
    alive[right] = 0;
    next[left] = next[right];
    if (next[right] >= 0) prev[next[right]] = left;
    consider(prev[left]);
    consider(left);
  }
  for (let i = 0; i >= 0; i = next[i]) out.push(sym[i]);
}
