// How a text's tokens change as a trained BPE's merges are applied one at a time — the
// animation of the Tokens page: with 0 merges every byte is a token; merge 1 joins the most
// frequent pair wherever it occurs, and so on. Only for tokenizers trained with a merges list
// (merge k has rank k); GPT-2's rank-only vocabulary has no such sequence. Special tokens in the
// text are treated as ordinary text. Meant for short texts (it re-encodes once per merge).

import { GlassboxError } from '../util/errors.js';
import type { BpeTokenizer } from './bpe.js';
import { encodePiece } from './bpe-encode.js';
import { compilePattern, splitIsolated } from './pretokenize.js';
import type { TokenSpan } from './types.js';
import { utf8Bytes, utf8Decode } from './utf8.js';

export interface MergeStep {
  /** Merges applied: the first `merges` of the merges list. */
  merges: number;
  tokens: TokenSpan[];
}

/** The tokens of `text` after 0 merges and after every merge that changes them (up to `maxMerges`). */
export function mergeSteps(tok: BpeTokenizer, text: string, maxMerges?: number): MergeStep[] {
  const total = tok.model.mergeList?.length;
  if (total === undefined) throw new GlassboxError('merge steps need a tokenizer trained with a merges list');
  const last = Math.min(total, maxMerges ?? total);
  const pieces = splitIsolated(text, compilePattern(tok.pattern)).map(utf8Bytes);
  const steps: MergeStep[] = [];
  let previous = '';
  for (let k = 0; k <= last; k++) {
    const ids: number[] = [];
    for (const bytes of pieces) encodePiece(tok.model, bytes, ids, k);
    const key = ids.join(',');
    if (key === previous) continue;
    previous = key;
    let at = 0;
    const tokens = ids.map((id) => {
      const bytes = tok.model.tokenBytes[id] as Uint8Array;
      const span = { id, text: utf8Decode(bytes), start: at, end: at + bytes.length };
      at += bytes.length;
      return span;
    });
    steps.push({ merges: k, tokens });
  }
  return steps;
}
