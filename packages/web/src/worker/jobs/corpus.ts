// Training text for the worker: the built-in Brown corpus (fetched lazily), the toy corpus, or a
// text the learner dropped; tokenized (a new char or word tokenizer, or a checkpoint's own) and
// split by position like the CLI: the first 90 % trains, the last 10 % validates. The last
// encoding is cached, so a second run on the same corpus starts at once.
// Not handled: token-shard folders from `glassbox data prepare` (the CLI reads those).

import { GlassboxError } from '@glassbox/model';
import { fetchBrownCorpus, joinDocuments, toyCorpus } from '@glassbox/model/data';
import { type Tokenizer, trainChar, trainTokenizer, trainWord } from '@glassbox/model/tokenizer';
import type { CorpusSpec, TokenizerChoice } from './explorer-protocol';
import type { SessionData } from './sessions';

export const VAL_FRACTION = 0.1;
/** Word vocabularies keep the most frequent pieces; the rest become <unk>. */
const WORD_VOCAB = 4096;
/** Byte-level BPE: 256 bytes, <|endoftext|> and 255 merges learned from the text. */
const BPE_VOCAB = 512;
/** Validation text kept for the Loss page (characters). */
const VAL_TEXT_CHARS = 20_000;

/** How a corpus is named in trainer.json's `data` (the CLI reads "brown" too). */
export function corpusName(c: CorpusSpec): string {
  return c.kind === 'text' ? c.name : c.kind;
}

export function describeCorpus(c: CorpusSpec): string {
  if (c.kind === 'brown') return 'the Brown corpus';
  if (c.kind === 'toy') return 'the toy corpus';
  return `“${c.name}”`;
}

export async function corpusText(c: CorpusSpec): Promise<string> {
  if (c.kind === 'brown') return joinDocuments(await fetchBrownCorpus());
  if (c.kind === 'toy') return toyCorpus({ seed: 1, sentences: 4000 });
  if (c.text.trim().length === 0) {
    throw new GlassboxError('the text is empty: drop or paste some text to train on', c.name);
  }
  return c.text;
}

export function buildTokenizer(kind: TokenizerChoice, text: string): Tokenizer {
  if (kind === 'char') return trainChar({ texts: [text] });
  if (kind === 'bpe') return trainTokenizer({ type: 'bpe', texts: [text], vocabSize: BPE_VOCAB });
  return trainWord({ texts: [text], vocabSize: WORD_VOCAB });
}

export interface Encoded extends SessionData {
  tokenizer: Tokenizer;
  description: string;
}

let cache: { key: string; tokenizer?: Tokenizer; value: Encoded } | undefined;

/**
 * Encodes a corpus with `existing` (a checkpoint's tokenizer) or a new tokenizer of `kind`.
 * Text the tokenizer cannot encode gets a message naming the corpus and the character.
 */
export async function encodeCorpus(
  c: CorpusSpec,
  kind: TokenizerChoice,
  existing?: Tokenizer,
): Promise<Encoded> {
  const key = `${c.kind}:${c.kind === 'text' ? `${c.name}:${c.text.length}:${hash(c.text)}` : ''}:${kind}`;
  if (cache && cache.key === key && cache.tokenizer === existing) return cache.value;
  const text = await corpusText(c);
  const tokenizer = existing ?? buildTokenizer(kind, text);
  let ids: number[];
  try {
    ids = tokenizer.encode(text);
  } catch (e) {
    throw new GlassboxError(
      `this model's tokenizer cannot encode it (${(e as Error).message}); train a new model on it instead`,
      describeCorpus(c),
    );
  }
  const all = tokenizer.vocabSize <= 65536 ? Uint16Array.from(ids) : Uint32Array.from(ids);
  const cut = Math.round(all.length * (1 - VAL_FRACTION));
  const val = all.subarray(cut);
  const value: Encoded = {
    tokenizer,
    train: all.subarray(0, cut),
    val,
    valText: tokenizer.decode(val.subarray(0, VAL_TEXT_CHARS)),
    description: `${describeCorpus(c)}: ${text.length.toLocaleString('en-US')} characters → ${all.length.toLocaleString('en-US')} tokens (${tokenizer.kind} tokenizer, vocabulary ${tokenizer.vocabSize}); ${cut.toLocaleString('en-US')} train / ${(all.length - cut).toLocaleString('en-US')} validation`,
  };
  cache = { key, tokenizer: existing, value };
  return value;
}

/** The validation tail of a corpus as plain text, without tokenizing it (loaded checkpoints). */
export async function validationTail(c: CorpusSpec): Promise<string> {
  const text = await corpusText(c);
  const from = Math.floor(text.length * (1 - VAL_FRACTION * 0.9));
  return text.slice(from, from + VAL_TEXT_CHARS);
}

/** A cheap fingerprint so two dropped texts with the same name and length do not share a cache entry. */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i += Math.max(1, Math.floor(s.length / 4096))) {
    h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  }
  return h >>> 0;
}
