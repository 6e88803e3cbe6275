// A copy of a GPT with a larger vocabulary, for the special tokens fine-tuning adds. Every weight
// is copied; each new row of the token embedding starts at the mean of the existing rows. With
// the output head tied to that embedding, the new token's logit is h·mean(w) = the mean of all
// logits, so a new token starts out no more likely than an average one (a random row could make
// it absurdly likely or unlikely), and the model's predictions over the old vocabulary do not
// move. Deterministic: the same base gives the same grown model, which is what lets a comparison
// rebuild the exact starting point of a fine-tune.

import type { Kernels } from '@glassbox/core-wasm';
import { GPT } from '../gpt/model.js';
import { GlassboxError } from '../util/errors.js';

/**
 * A copy of `model` (in its own arena unless `kernels` is given) whose embedding has a row for
 * each id in `addedIds`, grown as needed, each starting at the mean of the model's other rows.
 * (Ids inside the old vocabulary are possible: GPT-2 checkpoints often pad wte past the tokenizer.)
 */
export async function withAddedTokens(
  model: GPT,
  addedIds: readonly number[],
  kernels?: Kernels,
  /** What the copy is for (GPT's training option; default true). */
  training: boolean | 'adapters' = true,
): Promise<GPT> {
  const { vocabSize: V0, nEmbd: C } = model.config;
  const added = new Set(addedIds);
  for (const id of added) {
    if (!Number.isInteger(id) || id < 0)
      throw new GlassboxError(`bad token id ${id} for a new embedding row`);
  }
  const vocabSize = Math.max(V0, ...[...added].map((id) => id + 1));
  const grown = await GPT.create({ ...model.config, vocabSize }, { kernels, skipInit: true, training });
  for (const spec of model.params.specs) {
    grown.params.get(spec.name).data.set(model.params.get(spec.name).data); // wte: the first V0 rows
  }
  if (added.size === 0) return grown;
  const wte = grown.params.get('wte.weight').data; // (V, C)
  const mean = new Float64Array(C);
  let rows = 0;
  for (let v = 0; v < V0; v++) {
    if (added.has(v)) continue;
    for (let c = 0; c < C; c++) mean[c] += wte[v * C + c];
    rows++;
  }
  for (let c = 0; c < C; c++) mean[c] /= Math.max(1, rows);
  for (const v of added) for (let c = 0; c < C; c++) wte[v * C + c] = mean[c];
  return grown;
}
