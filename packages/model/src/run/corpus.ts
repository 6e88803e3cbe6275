// From text to the token arrays a run trains on, once for every front end: the tokenizer built
// from its spec (char, word:N, bpe:N, gpt2), the text encoded (a clear message naming the corpus
// when the tokenizer cannot encode it), stored in the narrowest integer type, and split by
// position as nanoGPT does — the first (1 − valFraction) trains, the rest validates. Also the
// built-in toy corpus as runs use it, and content hashes for run records. Reading files is the
// caller's (Node: @glassbox/model/node's readCorpus; the browser: a dropped file).

import { sha256 } from '@noble/hashes/sha2.js';
import { tourCorpus } from '../corpus/tour.js';
import { toyCorpus } from '../corpus/toy.js';
import { EOT } from '../data/split.js';
import { type BpeTrainResult, trainBpe } from '../tokenizer/bpe-train.js';
import { loadGpt2 } from '../tokenizer/gpt2.js';
import { trainTokenizer } from '../tokenizer/train.js';
import type { Tokenizer, TokenizerKind } from '../tokenizer/types.js';
import type { TokenArray } from '../train/batches.js';
import { GlassboxError } from '../util/errors.js';

/** The toy corpus exactly as runs train on it (a record naming "toy" means this text). */
export function toyCorpusText(): string {
  return toyCorpus({ seed: 1, sentences: 4000 });
}

/** The tour's corpus exactly as the explorer's tour trains its model on it (seed 1, 4,000 sentences). */
export function tourCorpusText(): string {
  return tourCorpus({ seed: 1, sentences: 4000 });
}

/**
 * The size of the tour's byte-level BPE: 256 bytes, 127 merges and <|endoftext|>. Small enough
 * that " running" is still two pieces, " run" + "ning", both learned from the tour corpus's other
 * run- and -ning words (checked for corpus seeds 1–10 in test/tokenizer/tour-bpe.test.ts); with
 * more merges the whole word becomes one token.
 */
export const TOUR_BPE_VOCAB_SIZE = 384;

/** The tour's BPE exactly as the tour's tokens step trains it: tourCorpusText(), TOUR_BPE_VOCAB_SIZE tokens. */
export function tourBpe(): BpeTrainResult {
  return trainBpe({ texts: [tourCorpusText()], vocabSize: TOUR_BPE_VOCAB_SIZE });
}

/** Hex SHA-256 of text (as UTF-8) or bytes: the content hash run records keep. */
export function contentHash(data: string | Uint8Array): string {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return Array.from(sha256(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The tokenizer specs that need no file: char, word:N, bpe:N, gpt2. */
export const BUILT_TOKENIZER_SPEC = /^(char|word|bpe)(?::(\d+))?$/;

/**
 * A tokenizer from a spec without files: GPT-2's vocabulary, or one trained on `texts`.
 * Returns undefined for a spec this cannot build (a tokenizer.json path: the caller reads it).
 */
export async function tokenizerForSpec(
  spec: string,
  texts: () => Promise<Iterable<string>> | Iterable<string>,
  specialTokens?: readonly string[],
): Promise<Tokenizer | undefined> {
  if (spec === 'gpt2') return loadGpt2();
  const m = BUILT_TOKENIZER_SPEC.exec(spec);
  if (!m) return undefined;
  const type = m[1] as TokenizerKind;
  const vocabSize = m[2] ? Number(m[2]) : undefined;
  if (type !== 'char' && vocabSize === undefined)
    throw new GlassboxError(`give a vocabulary size, e.g. ${type}:4096`, { field: 'tokenizer' });
  const specials = specialTokens ?? (type === 'char' ? [] : [EOT]);
  const corpus = await texts();
  try {
    return trainTokenizer({ type, vocabSize, texts: corpus, specialTokens: specials });
  } catch (e) {
    // The vocabulary size came inside the spec: point at the spec, not at a separate setting.
    if (e instanceof GlassboxError && e.field === 'vocabSize')
      throw new GlassboxError(`"${spec}": ${e.detail}`, { field: 'tokenizer' });
    throw e;
  }
}

export interface TrainingTokens {
  tokenizer: Tokenizer;
  train: TokenArray;
  /** Undefined when valFraction is 0. */
  val?: TokenArray;
  /** A line for a log: what was read and how it was split. */
  description: string;
}

/** Encodes `text` (named `name` in messages) and splits it by position. */
export function encodeForTraining(
  text: string,
  tokenizer: Tokenizer,
  valFraction: number,
  name: string,
): TrainingTokens {
  if (!(valFraction >= 0 && valFraction < 1))
    throw new GlassboxError(`must be in [0, 1), got ${valFraction}`, { field: 'valFraction' });
  if (text.length === 0) throw new GlassboxError('the training text is empty', name);
  let ids: number[];
  try {
    ids = tokenizer.encode(text);
  } catch (e) {
    throw new GlassboxError(`this tokenizer cannot encode it (${(e as Error).message})`, name);
  }
  const all = tokenizer.vocabSize <= 65536 ? Uint16Array.from(ids) : Uint32Array.from(ids);
  const cut = Math.round(all.length * (1 - valFraction));
  const n = (x: number) => x.toLocaleString('en-US');
  return {
    tokenizer,
    train: all.subarray(0, cut),
    val: valFraction > 0 ? all.subarray(cut) : undefined,
    description: `${name}: ${n(text.length)} characters → ${n(all.length)} tokens (${tokenizer.kind} tokenizer, vocabulary ${tokenizer.vocabSize}); ${n(cut)} train / ${n(all.length - cut)} validation`,
  };
}
