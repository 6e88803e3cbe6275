// What the worker keeps between fine-tuning jobs: the base model, the instructions, and after a
// run the fine-tuned model with the base as the run started (its chat tokens' rows grown), so
// both can be asked the same prompts. One of each: a new base or new data clears the tuned model.

import type { Conversation, GPT, Tokenizer } from '@glassbox/model';

export interface FinetuneState {
  base?: { model: GPT; tokenizer: Tokenizer; source: string; valLoss?: number };
  data?: { train: Conversation[]; heldOut: Conversation[]; builtin: boolean };
  tuned?: { model: GPT; start: GPT; tokenizer: Tokenizer };
  /** Set by the stop job; polled between training steps. */
  stop: boolean;
}

export const state: FinetuneState = { stop: false };
