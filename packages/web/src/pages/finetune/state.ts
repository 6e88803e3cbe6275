// What the worker keeps between fine-tuning jobs: the base model, the instructions, and after a
// run the fine-tuned model with the base as the run started (its chat tokens' rows grown), so
// both can be asked the same prompts. One of each: a new base or new data clears the tuned model.
// Models train on the threaded core (a thread per core, as the explorer's do); a model that is
// replaced has its threads stopped.

import { createKernels, type Kernels } from '@glassbox/core-wasm';
import type { Conversation } from '@glassbox/model/finetune';
import type { GPT } from '@glassbox/model/gpt';
import type { Tokenizer } from '@glassbox/model/tokenizer';

export interface FinetuneState {
  base?: { model: GPT; tokenizer: Tokenizer; source: string; valLoss?: number };
  data?: { train: Conversation[]; heldOut: Conversation[]; builtin: boolean };
  tuned?: { model: GPT; start: GPT; tokenizer: Tokenizer };
  /** Set by the stop job; polled between training steps. */
  stop: boolean;
}

export const state: FinetuneState = { stop: false };

/** Kernels for a model that trains here: the wasm core on every core the browser offers. */
export function trainingKernels(): Promise<Kernels> {
  return createKernels('wasm', { threads: 'auto' });
}

export function setBase(base: FinetuneState['base']): void {
  state.base?.model.kernels.dispose();
  state.base = base;
  setTuned(undefined);
}

export function setTuned(tuned: FinetuneState['tuned']): void {
  state.tuned?.model.kernels.dispose();
  state.tuned = tuned;
}
