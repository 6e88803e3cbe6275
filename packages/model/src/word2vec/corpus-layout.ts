// Lays a corpus out in the word2vec arena: every in-vocabulary word as an i32 id (unknown words
// dropped before windowing, as gensim does), sentence start indices, long sentences cut into
// pieces, and the batches of about `batchWords` words that each kernel call trains on, with the
// raw token count (unknown words included) that drives the learning-rate schedule.

import type { Arena, Ptr } from '@glassbox/core-wasm';
import { word2vecWorkBytes } from '@glassbox/core-wasm';

export interface CorpusLayout {
  words: Ptr;
  /** (pieces + 1) i32 start indices. */
  starts: Ptr;
  batches: { first: number; count: number; raw: number }[];
  /** Kernel scratch for the longest piece. */
  work: Ptr;
}

export function layOutCorpus(
  arena: Arena,
  sentences: readonly (readonly string[])[],
  index: ReadonlyMap<string, number>,
  maxSentence: number,
  batchWords: number,
  dim: number,
  negative: number,
): CorpusLayout {
  let n = 0;
  for (const s of sentences) for (const w of s) if (index.has(w)) n++;
  const ids = arena.allocInt(n);
  const startList: number[] = [0];
  const batches: CorpusLayout['batches'] = [];
  const data = ids.data;
  let at = 0;
  let longest = 1;
  let batch = { first: 0, count: 0, raw: 0 };
  let batchIds = 0;
  for (const s of sentences) {
    let pieceStart = at;
    for (const w of s) {
      const id = index.get(w);
      if (id === undefined) continue;
      data[at++] = id;
      if (at - pieceStart === maxSentence) {
        startList.push(at);
        batch.count++;
        pieceStart = at;
      }
    }
    if (at > pieceStart) {
      startList.push(at);
      batch.count++;
    }
    batch.raw += s.length;
    batchIds = at - (startList[batch.first] ?? 0);
    if (batchIds >= batchWords) {
      batches.push(batch);
      batch = { first: startList.length - 1, count: 0, raw: 0 };
    }
  }
  if (batch.count > 0 || batch.raw > 0) batches.push(batch);
  for (let i = 1; i < startList.length; i++) longest = Math.max(longest, startList[i] - startList[i - 1]);
  const starts = arena.allocInt(startList.length);
  starts.data.set(startList);
  return {
    words: ids.ptr,
    starts: starts.ptr,
    batches,
    work: arena.allocBytes(word2vecWorkBytes(dim, longest, negative)),
  };
}
