// Autocomplete, repeated: feed the prompt, then draw a token, append it, and repeat. Yields each
// step as it happens (streaming), with the candidates the model weighed at that position.
// The KV cache is the generator's own: freed when it finishes, returns early (`break` in a
// for…of) or throws. A consumer that abandons the generator half-way without return() leaks it.

import { GlassboxError } from '../util/errors.js';
import { Random } from '../util/random.js';
import { InferenceSession } from './inference.js';
import type { GPT } from './model.js';
import {
  type Candidate,
  candidate,
  drawFrom,
  type SamplingOptions,
  samplingDistribution,
  softmax,
  topCandidates,
} from './sampling.js';

export interface GenerateOptions extends SamplingOptions {
  maxTokens: number;
  seed?: number;
  /** How many candidates to report per step (default 10). */
  candidates?: number;
  /** Stop after emitting this token (e.g. <|endoftext|>). */
  stopToken?: number;
  /** Stop after emitting any of these (a model's eos_token_id list). */
  stopTokens?: readonly number[];
}

export interface GenerationStep {
  /** The chosen token. */
  id: number;
  /** Its probability under the model and its −ln p. */
  p: number;
  nll: number;
  candidates: Candidate[];
}

export function* generate(
  model: GPT,
  prompt: readonly number[],
  opts: GenerateOptions,
): Generator<GenerationStep> {
  if (prompt.length === 0)
    throw new GlassboxError('the prompt is empty: give at least one token to continue from');
  // The cache holds what this generation can reach (a small prompt on a big model needs little).
  const capacity = Math.min(model.config.blockSize, prompt.length + Math.max(1, opts.maxTokens));
  const session = new InferenceSession(model, { capacity });
  try {
    const rng = new Random(opts.seed ?? 1337);
    let logits = session.pushAll(prompt);
    for (let i = 0; i < opts.maxTokens; i++) {
      const sampling = samplingDistribution(logits, opts);
      const id = drawFrom(sampling, rng);
      const probs = softmax(logits, 1);
      const chosen = candidate(id, probs, sampling);
      yield {
        id,
        p: chosen.p,
        nll: chosen.nll,
        candidates: topCandidates(probs, opts.candidates ?? 10, sampling),
      };
      if (id === opts.stopToken || opts.stopTokens?.includes(id)) return;
      if (i + 1 < opts.maxTokens) logits = session.push(id);
    }
  } finally {
    session.dispose();
  }
}
