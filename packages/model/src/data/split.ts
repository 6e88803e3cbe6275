// Train/validation split and document encoding for token shards. The split is by document,
// seeded and exact: of n documents, round(n × fraction) go to validation (at least one when the
// fraction is above zero and there are two or more documents; never all of them), chosen by a
// seeded shuffle, so the same seed and input give the same split byte for byte.

import type { Tokenizer } from '../tokenizer/types.js';
import { GlassboxError } from '../util/errors.js';
import { Random } from '../util/random.js';

export const EOT = '<|endoftext|>';

/** For each of n documents: true when it goes to validation. */
export function validationMask(n: number, fraction: number, seed: number): boolean[] {
  if (!(fraction >= 0 && fraction < 1))
    throw new GlassboxError(`the validation fraction must be at least 0 and below 1, got ${fraction}`, {
      field: 'valFraction',
    });
  let count = Math.round(n * fraction);
  if (fraction > 0 && n >= 2) count = Math.max(1, count);
  count = Math.min(count, Math.max(0, n - 1)); // training always keeps a document
  const order = new Random(seed).shuffle(Array.from({ length: n }, (_, i) => i));
  const mask = new Array<boolean>(n).fill(false);
  for (let i = 0; i < count; i++) mask[order[i]] = true;
  return mask;
}

/**
 * Encodes documents for a shard: each document's ids followed by the tokenizer's <|endoftext|>
 * id, or, when it has none, by the ids of a blank line, so documents never run together.
 */
export class DocumentEncoder {
  readonly separator: number[];
  readonly eot?: number;

  constructor(readonly tokenizer: Tokenizer) {
    this.eot = tokenizer.specialTokens.get(EOT);
    this.separator = this.eot !== undefined ? [this.eot] : tokenizer.encode('\n\n');
  }

  encode(text: string): number[] {
    const ids = this.tokenizer.encode(text);
    for (const id of this.separator) ids.push(id);
    return ids;
  }
}
