// A short sample from a model for logs and the explorer: the continuation of a prompt, drawn with
// a fixed seed (temperature 0.8, top-k 40) so samples at different steps differ only because the
// model learned. When the prompt cannot be encoded or is empty, the sample starts from `fallback`
// (a token of the training data), so a sample is always shown. Its KV cache is freed when done.

import { generate } from '../gpt/generate.js';
import type { GPT } from '../gpt/model.js';
import type { Tokenizer } from '../tokenizer/types.js';

export interface SampleOptions {
  /** Default "\n". */
  prompt?: string;
  /** The token to start from when the prompt gives none. */
  fallback: number;
  maxTokens: number;
  seed?: number;
  /** Whether the text returned includes the prompt (default true). */
  includePrompt?: boolean;
}

export function sampleText(model: GPT, tokenizer: Tokenizer, opts: SampleOptions): string {
  let ids: number[] = [];
  try {
    ids = tokenizer.encode(opts.prompt ?? '\n');
  } catch {
    ids = [];
  }
  if (ids.length === 0) ids = [opts.fallback];
  const out = [
    ...generate(model, ids, { maxTokens: opts.maxTokens, seed: opts.seed ?? 1, temperature: 0.8, topK: 40 }),
  ].map((s) => s.id);
  return tokenizer.decode(opts.includePrompt === false ? out : [...ids, ...out]);
}
