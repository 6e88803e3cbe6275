// Hugging Face tokenizer.json for byte-level BPE. Written: a BPE model (vocab in GPT-2's byte
// characters, ordered merges), a Split pre-tokenizer holding the exact pattern followed by
// ByteLevel without its own regex (so every reader splits by Unicode White_Space, whatever its
// regex engine's \s means), and a ByteLevel decoder. Read: that form, or the classic GPT-2 form
// (a ByteLevel pre-tokenizer with its built-in regex). A rank-only vocabulary (GPT-2 from
// tiktoken) gets its merges list recovered: each token's two parts are what BPE makes of its bytes
// using only the merges ranked before it.

import { GlassboxError } from '../util/errors.js';
import type { BpeTokenizer } from './bpe.js';
import { encodeShort } from './bpe-encode.js';
import { BpeModel } from './bpe-model.js';
import { tokenTextToBytes } from './bytes.js';
import {
  asHFJSON,
  type HFTokenizerJSON,
  hfSkeleton,
  hfSpecials,
  hfSplit,
  hfSplitPattern,
} from './hf-json.js';
import { checkPatternSafety } from './pattern-safety.js';
import { GPT2_PATTERN, withUnicodeWhitespace } from './pretokenize.js';

const BYTE_LEVEL = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false };

/** The ordered merges of a model, recovered from ranks when it has no list. */
export function mergesOf(model: BpeModel): (readonly [number, number])[] {
  if (model.mergeList) return [...model.mergeList];
  const out: [number, number][] = [];
  model.tokenBytes.forEach((bytes, id) => {
    if (!bytes || bytes.length < 2) return;
    const parts: number[] = [];
    encodeShort(model, bytes, parts, id);
    if (parts.length !== 2) throw new Error(`cannot recover the merge of token ${id}: ${parts.length} parts`);
    out.push([parts[0], parts[1]]);
  });
  return out;
}

export function bpeToJSON(tok: BpeTokenizer): HFTokenizerJSON {
  const { model } = tok;
  const vocab: Record<string, number> = {};
  for (let id = 0; id < tok.vocabSize; id++) {
    const t = tok.idToToken(id);
    if (t !== undefined) vocab[t] = id;
  }
  const text = (id: number) => model.tokenText[id] as string;
  return hfSkeleton({
    specials: tok.specialTokens,
    preTokenizer: { type: 'Sequence', pretokenizers: [hfSplit(tok.pattern), BYTE_LEVEL] },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab,
      // "a b" strings, as GPT-2's own file has them (older tokenizers releases read only this form).
      merges: mergesOf(model).map(([a, b]) => `${text(a)} ${text(b)}`),
    },
  });
}

/** The pre-tokenization pattern a file asks for, or an error for forms glassbox cannot follow. */
function patternOf(file: HFTokenizerJSON, where?: string): string {
  const pre = file.pre_tokenizer as { type?: string; use_regex?: boolean; add_prefix_space?: boolean } | null;
  if (file.normalizer) throw new GlassboxError('unsupported tokenizer: BPE with a normalizer', where);
  if (pre?.type === 'ByteLevel' && pre.add_prefix_space !== true && pre.use_regex !== false)
    return GPT2_PATTERN;
  const split = hfSplitPattern(pre);
  if (split !== undefined) {
    const pattern = withUnicodeWhitespace(split);
    checkPatternSafety(pattern, where);
    return pattern;
  }
  throw new GlassboxError('unsupported tokenizer: BPE that is not byte-level (GPT-2 style)', where);
}

export function bpeModelFromJSON(
  json: unknown,
  where?: string,
): { model: BpeModel; specials: Map<string, number>; pattern: string } {
  const file = asHFJSON(json, where);
  const m = file.model as { type: string; vocab?: unknown; merges?: unknown };
  if (m.type !== 'BPE') throw new GlassboxError(`expected a BPE model, found ${m.type}`, where);
  if (typeof m.vocab !== 'object' || m.vocab === null || !Array.isArray(m.merges)) {
    throw new GlassboxError('not a tokenizer file: the BPE model needs "vocab" and "merges"', where);
  }
  const pattern = patternOf(file, where);
  const specials = hfSpecials(file);
  const tokenBytes: (Uint8Array | undefined)[] = [];
  for (const [t, id] of Object.entries(m.vocab as Record<string, unknown>)) {
    if (!Number.isInteger(id) || (id as number) < 0)
      throw new GlassboxError(`token "${t}" has a bad id ${id}`, where);
    if (specials.get(t) === id) continue;
    const bytes = tokenTextToBytes(t);
    if (!bytes)
      throw new GlassboxError(`token "${t}" is not in GPT-2's byte alphabet (not a byte-level BPE)`, where);
    if (tokenBytes[id as number]) throw new GlassboxError(`id ${id} is used twice in the vocab`, where);
    tokenBytes[id as number] = bytes;
  }
  const ids = new Map<string, number>(Object.entries(m.vocab as Record<string, number>));
  const merges = (m.merges as unknown[]).map((entry, i): [number, number] => {
    const [a, b] = typeof entry === 'string' ? entry.split(' ') : (entry as string[]);
    const ia = ids.get(a);
    const ib = ids.get(b);
    if (ia === undefined || ib === undefined)
      throw new GlassboxError(`merge ${i} names tokens not in the vocab`, where);
    return [ia, ib];
  });
  try {
    return { model: BpeModel.fromMerges(tokenBytes, merges), specials, pattern };
  } catch (e) {
    if (e instanceof GlassboxError && where) throw new GlassboxError(e.message, where);
    throw e;
  }
}
