// From logits to the next token: temperature, top-k and top-p (nucleus) filtering, then a seeded
// draw. Also the view the autocomplete page shows: the top candidates with their probability and
// −ln p, both under the model itself (temperature 1) and under the sampling distribution.

import type { Random } from '../util/random.js';

export interface SamplingOptions {
  /** 0 = greedy (always the most likely token); 1 = the model's own distribution. */
  temperature?: number;
  /** Keep only the k most likely tokens. */
  topK?: number;
  /** Keep the smallest set of most likely tokens whose probability reaches p. */
  topP?: number;
}

export interface Candidate {
  id: number;
  /** Probability under the model (softmax of the raw logits). */
  p: number;
  /** −ln p: the loss the model would take if this token came next. */
  nll: number;
  /** Probability under the sampling distribution (after temperature, top-k, top-p). */
  pSample: number;
}

/** Softmax of logits / temperature in f64 (temperature 0 puts all mass on the argmax). */
export function softmax(logits: ArrayLike<number>, temperature = 1): Float64Array {
  const n = logits.length;
  const out = new Float64Array(n);
  let max = Number.NEGATIVE_INFINITY;
  let argmax = 0;
  for (let i = 0; i < n; i++) {
    if (logits[i] > max) {
      max = logits[i];
      argmax = i;
    }
  }
  if (temperature <= 0) {
    out[argmax] = 1;
    return out;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    out[i] = Math.exp((logits[i] - max) / temperature);
    sum += out[i];
  }
  for (let i = 0; i < n; i++) out[i] /= sum;
  return out;
}

/** The distribution tokens are drawn from: temperature, then top-k, then top-p, renormalised. */
export function samplingDistribution(logits: ArrayLike<number>, opts: SamplingOptions = {}): Float64Array {
  const probs = softmax(logits, opts.temperature ?? 1);
  const { topK, topP } = opts;
  if ((topK && topK < probs.length) || (topP !== undefined && topP < 1)) {
    const order = Array.from(probs.keys()).sort((a, b) => probs[b] - probs[a] || a - b);
    let keep = topK && topK > 0 ? Math.min(topK, order.length) : order.length;
    if (topP !== undefined && topP < 1) {
      let mass = 0;
      for (let i = 0; i < keep; i++) {
        mass += probs[order[i]];
        if (mass >= topP) {
          keep = i + 1;
          break;
        }
      }
    }
    for (let i = keep; i < order.length; i++) probs[order[i]] = 0;
    let sum = 0;
    for (let i = 0; i < probs.length; i++) sum += probs[i];
    for (let i = 0; i < probs.length; i++) probs[i] /= sum;
  }
  return probs;
}

/** Draws an index from a distribution with a seeded generator (inverse CDF). */
export function drawFrom(probs: Float64Array, rng: Random): number {
  const u = rng.next();
  let acc = 0;
  let last = 0;
  for (let i = 0; i < probs.length; i++) {
    if (probs[i] <= 0) continue;
    acc += probs[i];
    last = i;
    if (u < acc) return i;
  }
  return last; // rounding left u just above the total
}

/** The candidate view of token `id`. */
export function candidate(id: number, model: Float64Array, sampling: Float64Array): Candidate {
  return { id, p: model[id], nll: -Math.log(model[id]), pSample: sampling[id] };
}

/** The k most likely next tokens under the model (probabilities from softmax(logits)). */
export function topCandidates(model: Float64Array, k: number, sampling: Float64Array): Candidate[] {
  // Partial selection: a sorted list of the best k so far (k is small, the vocabulary is not).
  // Ties keep the lower id first.
  const best: number[] = [];
  for (let id = 0; id < model.length; id++) {
    if (best.length === k && model[id] <= model[best[k - 1]]) continue;
    if (best.length < k) best.push(id);
    else best[k - 1] = id;
    for (let i = best.length - 1; i > 0 && model[best[i - 1]] < model[best[i]]; i--) {
      [best[i - 1], best[i]] = [best[i], best[i - 1]];
    }
  }
  return best.map((id) => candidate(id, model, sampling));
}
