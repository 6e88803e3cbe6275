// The loss of a model on a token sequence, every token predicted once: the sequence is cut into
// consecutive windows of blockSize + 1 tokens overlapping by one (each window predicts its last
// blockSize tokens from what precedes them inside the window), run in batches. The loss is the
// mean −ln p over all predicted tokens; per-token losses are returned for colouring text.

import type { GPT } from '../gpt/model.js';
import { GlassboxError } from '../util/errors.js';

export interface EvalResult {
  /** Mean −ln p(next token) in nats. */
  loss: number;
  /** Tokens predicted (sequence length − 1). */
  tokens: number;
  /** −ln p of each predicted token: perToken[i] is the loss of ids[i + 1]. */
  perToken: Float32Array;
}

export function evaluateTokens(
  model: GPT,
  ids: ArrayLike<number>,
  /** batchSize: windows per forward pass (default: up to 8, fewer when the logits would be big). */
  opts: { batchSize?: number } = {},
): EvalResult {
  const T = model.config.blockSize;
  // The logits (B·T·V floats) dominate a big model's activations: keep them near 64 Mi floats.
  const B = opts.batchSize ?? Math.max(1, Math.min(8, Math.floor(2 ** 26 / (T * model.config.vocabSize))));
  if (ids.length < 2) throw new GlassboxError(`need at least 2 tokens to measure a loss, got ${ids.length}`);
  const predicted = ids.length - 1;
  const perToken = new Float32Array(predicted);
  const starts: number[] = [];
  for (let s = 0; s < predicted; s += T) starts.push(s);
  let total = 0;
  // Full windows in batches of B; the last, shorter window on its own.
  const full = starts.filter((s) => s + T <= predicted);
  const tail = starts.filter((s) => s + T > predicted);
  const run = (group: number[], len: number) => {
    const tokens = new Int32Array(group.length * len);
    const targets = new Int32Array(group.length * len);
    group.forEach((s, b) => {
      for (let t = 0; t < len; t++) {
        tokens[b * len + t] = ids[s + t];
        targets[b * len + t] = ids[s + t + 1];
      }
    });
    const mean = model.forward({ tokens, targets, B: group.length, T: len })!;
    total += mean * group.length * len;
    const losses = model.activations!.losses.data;
    group.forEach((s, b) => {
      perToken.set(losses.subarray(b * len, (b + 1) * len), s);
    });
  };
  for (let i = 0; i < full.length; i += B) run(full.slice(i, i + B), T);
  for (const s of tail) run([s], predicted - s);
  return { loss: total / predicted, tokens: predicted, perToken };
}
