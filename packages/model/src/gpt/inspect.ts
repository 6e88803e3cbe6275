// Looking inside one forward pass over a text's tokens: at every position, the tokens the model
// thinks come next (p and −ln p), the probability it gave the token that actually came next (its
// loss), and the attention maps of a chosen layer and head or of all of them. One forward pass;
// the probabilities are recomputed in float64 from the logits, so every p and −ln p here agrees
// with the others. This is what `glassbox inspect` prints and the explorer's pages draw.
// Not handled: batches (one text at a time), texts longer than the block size (pass the tail).

import { GlassboxError } from '../util/errors.js';
import type { GPT } from './model.js';
import { type Candidate, candidate, softmax, topCandidates } from './sampling.js';

/** Attention maps are kept for at most this many tokens (every layer's map grows as T²). */
export const MAX_ATTENTION_TOKENS = 256;

export interface InspectOptions {
  /** Next-token candidates per position (default 5). */
  topK?: number;
  /** Which attention maps to return: one (layer, head), 'all', or none (default). */
  attention?: { layer: number; head: number } | 'all' | 'none';
}

export interface PositionInspection {
  /** The token at this position. */
  id: number;
  /** What the model gave this token from the positions before it (absent at position 0). */
  actual?: { p: number; nll: number };
  /** The most likely tokens to come after this position, most likely first. */
  next: Candidate[];
}

export interface AttentionMaps {
  layers: number[];
  heads: number[];
  /** T tokens: weights (layers.length, heads.length, T, T); row t is how position t spreads its attention over 0…t. */
  T: number;
  weights: Float32Array;
}

export interface Inspection {
  ids: number[];
  positions: PositionInspection[];
  /** Mean −ln p over positions 1…T−1 (NaN for a single token). */
  loss: number;
  attention?: AttentionMaps;
}

export function inspectTokens(model: GPT, ids: readonly number[], opts: InspectOptions = {}): Inspection {
  const T = ids.length;
  const { blockSize, vocabSize: V, nLayer, nHead } = model.config;
  if (T === 0) throw new GlassboxError('nothing to inspect: the text has no tokens');
  if (T > blockSize)
    throw new GlassboxError(
      `the text is ${T} tokens but this model reads at most ${blockSize}; pass the last ${blockSize}`,
    );
  const want = opts.attention ?? 'none';
  if (want !== 'none' && T > MAX_ATTENTION_TOKENS) {
    throw new GlassboxError(
      `attention maps are kept for texts of up to ${MAX_ATTENTION_TOKENS} tokens; this one has ${T}: shorten it`,
    );
  }
  if (typeof want === 'object') {
    if (!Number.isInteger(want.layer) || want.layer < 0 || want.layer >= nLayer)
      throw new GlassboxError(`layer ${want.layer} does not exist: this model has layers 0…${nLayer - 1}`);
    if (!Number.isInteger(want.head) || want.head < 0 || want.head >= nHead)
      throw new GlassboxError(`head ${want.head} does not exist: this model has heads 0…${nHead - 1}`);
  }
  model.forward({ tokens: ids, B: 1, T }, { keepAttention: want !== 'none' });
  const acts = model.activations!;
  const topK = opts.topK ?? 5;
  const positions: PositionInspection[] = [];
  let total = 0;
  let previous: Float64Array | undefined;
  for (let t = 0; t < T; t++) {
    const probs = softmax(acts.logits.data.subarray(t * V, (t + 1) * V));
    const pos: PositionInspection = { id: ids[t], next: topCandidates(probs, topK, probs) };
    if (previous) {
      const c = candidate(ids[t], previous, previous);
      pos.actual = { p: c.p, nll: c.nll };
      total += c.nll;
    }
    positions.push(pos);
    previous = probs;
  }
  const result: Inspection = { ids: [...ids], positions, loss: T > 1 ? total / (T - 1) : Number.NaN };
  if (want !== 'none') {
    const layers = want === 'all' ? Array.from({ length: nLayer }, (_, l) => l) : [want.layer];
    const heads = want === 'all' ? Array.from({ length: nHead }, (_, h) => h) : [want.head];
    const weights = new Float32Array(layers.length * heads.length * T * T);
    layers.forEach((l, li) => {
      // The attention kernel lays out (1, nHead, T, T) for this T at the start of the layer's buffer.
      const att = acts.layers[l].att.data;
      heads.forEach((h, hi) => {
        weights.set(att.subarray(h * T * T, (h + 1) * T * T), (li * heads.length + hi) * T * T);
      });
    });
    result.attention = { layers, heads, T, weights };
  }
  return result;
}
