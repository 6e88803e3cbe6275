// A short sample from a model for the logs: the continuation of a prompt. When the prompt cannot
// be encoded (a character the tokenizer has never seen) or is empty, the sample starts from
// `fallback`, a token of the training data, so a sample is always shown.

import { type GPT, generate } from '@glassbox/model/gpt';
import type { Tokenizer } from '@glassbox/model/tokenizer';

export function sampleText(
  model: GPT,
  tokenizer: Tokenizer,
  prompt: string,
  fallback: number,
  maxTokens: number,
  seed = 1,
): string {
  let ids: number[] = [];
  try {
    ids = tokenizer.encode(prompt);
  } catch {
    ids = [];
  }
  if (ids.length === 0) ids = [fallback];
  const out = [...generate(model, ids, { maxTokens, seed, temperature: 0.8, topK: 40 })].map((s) => s.id);
  return tokenizer.decode([...ids, ...out]);
}
