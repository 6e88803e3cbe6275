// The parts of Hugging Face's tokenizer.json that every kind shares: the top-level shape, the
// added (special) tokens list, and checks that turn a malformed file into a clear message. The
// model-specific halves live in hf-wordlevel.ts (char, word) and hf-bpe.ts (byte-level BPE).
// Only what glassbox writes and reads is described here, not every option the format has.

import { GlassboxError } from '../util/errors.js';

export interface HFAddedToken {
  id: number;
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

export interface HFTokenizerJSON {
  version: string;
  truncation: null;
  padding: null;
  added_tokens: HFAddedToken[];
  normalizer: unknown;
  pre_tokenizer: unknown;
  post_processor: unknown;
  decoder: unknown;
  model: Record<string, unknown> & { type: string };
}

/** The file skeleton around a model, pre-tokenizer and decoder. */
export function hfSkeleton(parts: {
  specials: ReadonlyMap<string, number>;
  preTokenizer: unknown;
  decoder: unknown;
  model: HFTokenizerJSON['model'];
}): HFTokenizerJSON {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [...parts.specials].map(([content, id]) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: parts.preTokenizer,
    post_processor: null,
    decoder: parts.decoder,
    model: parts.model,
  };
}

/** A Split pre-tokenizer on a regex, keeping every piece ("Isolated"). */
export function hfSplit(pattern: string): unknown {
  return { type: 'Split', pattern: { Regex: pattern }, behavior: 'Isolated', invert: false };
}

/** The regex of a Split pre-tokenizer (alone or first in a Sequence), if that is what `pre` is. */
export function hfSplitPattern(pre: unknown): string | undefined {
  const p = pre as { type?: string; pattern?: { Regex?: unknown }; pretokenizers?: unknown[] } | null;
  if (p?.type === 'Sequence' && Array.isArray(p.pretokenizers)) return hfSplitPattern(p.pretokenizers[0]);
  if (p?.type === 'Split' && typeof p.pattern?.Regex === 'string') return p.pattern.Regex;
  return undefined;
}

/** Parses text or passes an object through, checking it looks like a tokenizer.json. */
export function asHFJSON(json: unknown, where?: string): HFTokenizerJSON {
  let obj = json;
  if (typeof json === 'string') {
    try {
      obj = JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json); // a byte-order mark, as some editors write
    } catch (e) {
      throw new GlassboxError(`not a tokenizer file: not valid JSON (${(e as Error).message})`, where);
    }
  }
  const model = (obj as { model?: { type?: unknown } } | null)?.model;
  if (typeof obj !== 'object' || obj === null || typeof model !== 'object' || model === null) {
    throw new GlassboxError(
      'not a tokenizer file: no "model" section (expected a Hugging Face tokenizer.json)',
      where,
    );
  }
  const added = (obj as { added_tokens?: unknown }).added_tokens;
  if (added !== undefined && !Array.isArray(added)) {
    throw new GlassboxError('not a tokenizer file: "added_tokens" is not a list', where);
  }
  return obj as HFTokenizerJSON;
}

/** The special tokens listed in added_tokens, text → id. */
export function hfSpecials(json: HFTokenizerJSON): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of json.added_tokens ?? []) {
    if (typeof t?.content === 'string' && Number.isInteger(t.id) && t.special !== false)
      out.set(t.content, t.id);
  }
  return out;
}
