// Training text for the worker: the built-in Brown corpus (fetched lazily), the toy corpus, the
// tour's corpus (the toy corpus with the explainer's example sentences), or a
// text the learner dropped; tokenized and split by the library's run layer, as the CLI does (a new
// char, word or BPE tokenizer, or a checkpoint's own; the first 90 % trains, the last 10 %
// validates). The last encoding is cached, so a second run on the same corpus starts at once.
// Not handled: token-shard folders from `glassbox data prepare` (the CLI reads those).

import { GlassboxError } from '@glassbox/model';
import { fetchBrownCorpus, joinDocuments } from '@glassbox/model/data';
import {
  type CorpusRef,
  contentHash,
  describeCorpus,
  encodeForTraining,
  tokenizerForSpec,
  tourCorpusText,
  toyCorpusText,
} from '@glassbox/model/run';
import type { Tokenizer } from '@glassbox/model/tokenizer';
import type { CorpusSpec, TokenizerChoice } from '../protocol/explorer';
import type { SessionData } from './sessions';

export const VAL_FRACTION = 0.1;
/**
 * The tokenizer each choice builds, as a run record names it: word vocabularies keep the 4,096
 * most frequent pieces (the rest become <unk>); byte-level BPE has 256 bytes, <|endoftext|> and
 * 255 merges learned from the text.
 */
export const TOKENIZER_SPECS: Record<TokenizerChoice, string> = {
  char: 'char',
  word: 'word:4096',
  bpe: 'bpe:512',
};
/** Validation text kept for the Loss page (characters). */
const VAL_TEXT_CHARS = 20_000;

/** How a run record names a corpus: built in by kind; a dropped text by its name and content hash. */
export function corpusRef(c: CorpusSpec): CorpusRef {
  if (c.kind === 'text') return { kind: 'file', path: c.name, sha256: contentHash(c.text) };
  return { kind: c.kind };
}

export async function corpusText(c: CorpusSpec): Promise<string> {
  if (c.kind === 'brown') return joinDocuments(await fetchBrownCorpus());
  if (c.kind === 'toy') return toyCorpusText();
  if (c.kind === 'tour') return tourCorpusText();
  if (c.text.trim().length === 0) {
    throw new GlassboxError('the text is empty: drop or paste some text to train on', c.name);
  }
  return c.text;
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
  const tokenizer = existing ?? (await tokenizerForSpec(TOKENIZER_SPECS[kind], () => [text]))!;
  const tokens = encodeForTraining(text, tokenizer, VAL_FRACTION, describeCorpus(corpusRef(c)));
  const val = tokens.val!;
  const value: Encoded = {
    ...tokens,
    val,
    valText: tokenizer.decode(Array.from(val.slice(0, VAL_TEXT_CHARS))),
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
