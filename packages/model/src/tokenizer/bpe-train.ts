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
import { BpeModel, ID_LIMIT } from './bpe-model.js';
import { PairTable } from './bpe-pairs.js';
import { BYTE_ID, BYTE_ORDER } from './bytes.js';
import { compilePattern, forEachPiece, GPT2_PATTERN } from './pretokenize.js';
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
  const count = (piece: string) => counts.set(piece, (counts.get(piece) ?? 0) + 1);
  for (const text of texts) {
    for (const seg of splitOnSpecials(text, cut)) {
      if (seg.special === undefined) forEachPiece(seg.text, re, count);
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
      { field: 'vocabSize' },
    );
  }
  if (opts.vocabSize >= ID_LIMIT)
    throw new GlassboxError(`vocabulary size must be below ${ID_LIMIT}`, { field: 'vocabSize' });
  const progress = opts.onProgress;
  progress?.({ stage: 'bpe', done: 0, total: targetMerges, message: 'counting pieces' });

  // Distinct pieces as runs of byte ids, with their frequencies.
  const pieces: { ids: Uint16Array; freq: number }[] = [];
  for (const [piece, freq] of countPieces(opts.texts, pattern, specials)) {
    const bytes = utf8Bytes(piece);
    const ids = new Uint16Array(bytes.length);
    for (let i = 0; i < bytes.length; i++) ids[i] = BYTE_ID[bytes[i]];
    pieces.push({ ids, freq });
  }
  const table = new PairTable(pieces);

  const tokenBytes: Uint8Array[] = BYTE_ORDER.map((b) => Uint8Array.of(b));
  const mergeList: [number, number][] = [];
  const log: MergeRecord[] = [];
  while (mergeList.length < targetMerges) {
    const best = table.best();
    if (!best || best.count < minFrequency) break;
    const { left, right, count } = best;
    const id = tokenBytes.length;
    tokenBytes.push(concatBytes([tokenBytes[left], tokenBytes[right]]));
    mergeList.push([left, right]);
    table.merge(left, right, id);
    const text = (t: number) => utf8Decode(tokenBytes[t]);
    log.push({ id, left, right, count, leftText: text(left), rightText: text(right), text: text(id) });
    if (progress && (mergeList.length & 63) === 0) {
      progress({ stage: 'bpe', done: mergeList.length, total: targetMerges, metrics: { count } });
    }
  }
  progress?.({ stage: 'bpe', done: mergeList.length, total: targetMerges });

  const model = BpeModel.fromMerges(tokenBytes, mergeList);
  const specialIds = new Map(specials.map((s, i) => [s, tokenBytes.length + i]));
  return { tokenizer: new BpeTokenizer(model, specialIds, pattern), merges: log };
}
