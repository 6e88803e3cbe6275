// What the worker keeps between fine-tuning jobs: the instructions and a stop flag here; the base
// model and, after a run, the fine-tuned model (with the base as the run started, its chat
// tokens' rows grown, so both can be asked the same prompts) in the worker's one model registry,
// slots "finetuneBase" and "finetuneTuned". A new base or new data clears the tuned model.
// Models train on the threaded core (a thread per core, as the explorer's do); a model that is
// replaced has its threads stopped by the registry.

import { createKernels, type Kernels } from '@glassbox/core-wasm';
import type { Conversation } from '@glassbox/model/finetune';
import type { GPT } from '@glassbox/model/gpt';
import type { Tokenizer } from '@glassbox/model/tokenizer';
import { clearSession, newModelId, peekSession, setSession } from './sessions';

interface Base {
  model: GPT;
  tokenizer: Tokenizer;
  source: string;
  valLoss?: number;
}

interface Tuned {
  model: GPT;
  start: GPT;
  tokenizer: Tokenizer;
}

export interface FinetuneState {
  readonly base?: Base;
  data?: { train: Conversation[]; heldOut: Conversation[]; builtin: boolean };
  readonly tuned?: Tuned;
  /** Set by the stop job; polled between training steps. */
  stop: boolean;
}

export const state: FinetuneState = {
  stop: false,
  get base(): Base | undefined {
    const s = peekSession('finetuneBase');
    return s && { model: s.model, tokenizer: s.tokenizer, source: s.source, valLoss: s.valLoss };
  },
  get tuned(): Tuned | undefined {
    const s = peekSession('finetuneTuned');
    return s?.start && { model: s.model, start: s.start, tokenizer: s.tokenizer };
  },
};

/** Kernels for a model that trains here: the wasm core on every core the browser offers. */
export function trainingKernels(): Promise<Kernels> {
  return createKernels('wasm', { threads: 'auto' });
}

const idle = () => ({ modelId: newModelId(), control: { pause: false, stop: false }, running: false });

export function setBase(base: Base | undefined): void {
  if (base) setSession('finetuneBase', { ...base, ...idle() });
  else clearSession('finetuneBase');
  setTuned(undefined);
}

export function setTuned(tuned: Tuned | undefined): void {
  if (tuned) setSession('finetuneTuned', { ...tuned, source: 'fine-tuned on the Fine-tune page', ...idle() });
  else clearSession('finetuneTuned');
}
