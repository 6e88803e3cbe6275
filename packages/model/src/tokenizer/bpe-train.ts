// Training a byte-level BPE (GPT-2 style) on texts. The texts are cut at special tokens and
// pre-tokenized (GPT-2's pattern), equal pieces are counted once with their frequency, and each
// distinct piece starts as one token per byte. Then, until the vocabulary reaches its target:
// take the most frequent adjacent pair, make it a new token, and rewrite the pieces that hold it.
//
// Pair counts are kept incrementally: a merge rescans only the pieces that contain the pair (an
// index maps each pair to its pieces) and applies the count changes, never recounting the corpus.
// The most frequent pair comes from a heap with lazy deletion (stale entries are skipped).
// Tie-break, documented and deterministic: among pairs with the same count, the one with the
// smaller left id wins, then the smaller right id (ids are in creation order: bytes in GPT-2's
// order, then merges as made). Training stops early when the best pair is seen fewer than
// `minFrequency` times. Special tokens take the ids after the merges.

import { GlassboxError } from '../util/errors.js';
import type { ProgressFn } from '../util/progress.js';
import { BpeTokenizer } from './bpe.js';
import { BpeModel, ID_LIMIT, pairKey } from './bpe-model.js';
import { BYTE_ID, BYTE_ORDER } from './bytes.js';
import { PairHeap } from './heap.js';
import { compilePattern, GPT2_PATTERN, splitIsolated } from './pretokenize.js';
import { splitOnSpecials } from './special.js';
import { concatBytes, utf8Bytes, utf8Decode } from './utf8.js';

export interface BpeTrainOptions {
  texts: Iterable<string>;
  /** Target vocabulary size: 256 bytes + merges + special tokens. */
  vocabSize: number;
  /** A pair must be seen at least this often to be merged (default 2). */
  minFrequency?: number;
  /** Special tokens, after the merges (default ["<|endoftext|>"]). */
  specialTokens?: readonly string[];
  /** Pre-tokenization pattern (default GPT-2's). */
  pattern?: string;
  onProgress?: ProgressFn;
}

/** One merge, as the merge log shows it: "t" + "h" → "th", seen `count` times. */
export interface MergeRecord {
  id: number;
  left: number;
  right: number;
  count: number;
  leftText: string;
  rightText: string;
  text: string;
}

export interface BpeTrainResult {
  tokenizer: BpeTokenizer;
  merges: MergeRecord[];
}

/** Distinct pieces of the corpus with their frequencies. */
function countPieces(
  texts: Iterable<string>,
  pattern: string,
  specials: readonly string[],
): Map<string, number> {
  const re = compilePattern(pattern);
  const cut = new Map(specials.map((s, i) => [s, i]));
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const seg of splitOnSpecials(text, cut)) {
      if (seg.special !== undefined) continue;
      for (const piece of splitIsolated(seg.text, re)) counts.set(piece, (counts.get(piece) ?? 0) + 1);
    }
  }
  return counts;
}

export function trainBpe(opts: BpeTrainOptions): BpeTrainResult {
  const specials = [...new Set(opts.specialTokens ?? ['<|endoftext|>'])];
  const minFrequency = opts.minFrequency ?? 2;
  const pattern = opts.pattern ?? GPT2_PATTERN;
  const targetMerges = opts.vocabSize - 256 - specials.length;
  if (!Number.isInteger(opts.vocabSize) || targetMerges < 0) {
    throw new GlassboxError(
      `vocabulary size ${opts.vocabSize} is below the byte alphabet: byte-level BPE needs at least ` +
        `256 + ${specials.length} special token(s) = ${256 + specials.length}`,
      '--vocab-size',
    );
  }
  if (opts.vocabSize >= ID_LIMIT)
    throw new GlassboxError(`vocabulary size must be below ${ID_LIMIT}`, '--vocab-size');
  const progress = opts.onProgress;
  progress?.({ stage: 'bpe', done: 0, total: targetMerges, message: 'counting pieces' });

  // Distinct pieces as arrays of token ids, with their frequencies.
  const counts = countPieces(opts.texts, pattern, specials);
  const words: Int32Array[] = [];
  const freq: number[] = [];
  for (const [piece, c] of counts) {
    const bytes = utf8Bytes(piece);
    const w = new Int32Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) w[i] = BYTE_ID[bytes[i]];
    words.push(w);
    freq.push(c);
  }

  const pairCount = new Map<number, number>();
  const pairWords = new Map<number, number[]>();
  words.forEach((w, wi) => {
    for (let i = 0; i + 1 < w.length; i++) {
      const k = pairKey(w[i], w[i + 1]);
      pairCount.set(k, (pairCount.get(k) ?? 0) + freq[wi]);
      const list = pairWords.get(k);
      if (list === undefined) pairWords.set(k, [wi]);
      else if (list[list.length - 1] !== wi) list.push(wi);
    }
  });
  const heap = new PairHeap();
  for (const [k, c] of pairCount) heap.push(-c, k);

  const tokenBytes: Uint8Array[] = BYTE_ORDER.map((b) => Uint8Array.of(b));
  const mergeList: [number, number][] = [];
  const log: MergeRecord[] = [];
  const seen = new Int32Array(words.length).fill(-1);

  while (mergeList.length < targetMerges && heap.size > 0) {
    const [negCount, key] = heap.pop();
    if (pairCount.get(key) !== -negCount) continue; // stale
    if (-negCount < minFrequency) break;
    const a = Math.floor(key / ID_LIMIT);
    const b = key % ID_LIMIT;
    const id = tokenBytes.length;
    tokenBytes.push(concatBytes([tokenBytes[a], tokenBytes[b]]));
    mergeList.push([a, b]);
    log.push({
      id,
      left: a,
      right: b,
      count: -negCount,
      leftText: utf8Decode(tokenBytes[a]),
      rightText: utf8Decode(tokenBytes[b]),
      text: utf8Decode(tokenBytes[id]),
    });

    const delta = new Map<number, number>();
    const bump = (k: number, by: number) => delta.set(k, (delta.get(k) ?? 0) + by);
    for (const wi of pairWords.get(key) ?? []) {
      if (seen[wi] === id) continue;
      seen[wi] = id;
      const w = words[wi];
      const merged = mergeWord(w, a, b, id);
      if (merged === w) continue;
      const f = freq[wi];
      for (let i = 0; i + 1 < w.length; i++) bump(pairKey(w[i], w[i + 1]), -f);
      for (let i = 0; i + 1 < merged.length; i++) {
        const k = pairKey(merged[i], merged[i + 1]);
        bump(k, f);
        if (merged[i] === id || merged[i + 1] === id) {
          const list = pairWords.get(k);
          if (list === undefined) pairWords.set(k, [wi]);
          else if (list[list.length - 1] !== wi) list.push(wi);
        }
      }
      words[wi] = merged;
    }
    for (const [k, d] of delta) {
      if (d === 0) continue;
      const c = (pairCount.get(k) ?? 0) + d;
      if (c > 0) {
        pairCount.set(k, c);
        heap.push(-c, k);
      } else {
        pairCount.delete(k);
        pairWords.delete(k);
      }
    }
    pairWords.delete(key);
    if (progress && (mergeList.length & 63) === 0) {
      progress({ stage: 'bpe', done: mergeList.length, total: targetMerges, metrics: { count: -negCount } });
    }
  }
  progress?.({ stage: 'bpe', done: mergeList.length, total: targetMerges });

  const model = BpeModel.fromMerges(tokenBytes, mergeList);
  const specialIds = new Map(specials.map((s, i) => [s, tokenBytes.length + i]));
  return { tokenizer: new BpeTokenizer(model, specialIds, pattern), merges: log };
}

/** `w` with every (a, b) replaced by `id`, left to right; `w` itself when it has none. */
function mergeWord(w: Int32Array, a: number, b: number, id: number): Int32Array {
  let out: Int32Array | undefined;
  let n = 0;
  for (let i = 0; i < w.length; i++) {
    if (i + 1 < w.length && w[i] === a && w[i + 1] === b) {
      if (!out) {
        out = new Int32Array(w.length - 1);
        out.set(w.subarray(0, i));
        n = i;
      }
      out[n++] = id;
      i++;
    } else if (out) out[n++] = w[i];
  }
  return out ? out.subarray(0, n) : w;
}
