// The worker's models, one per slot: the GPT, its tokenizer, and what training needs to continue
// (the Trainer of a run in this page, or a loaded checkpoint's trainer state and optimizer
// moments until it is resumed). Also the one InferenceSession per model that autocomplete reuses,
// because every session takes its KV cache from the model's arena and arenas never shrink.
// Each model runs on its own kernels, threaded over every core where the page is cross-origin
// isolated; a replaced model's threads are stopped once its run has let go of them.
// Not handled here: how models are trained or loaded (train.ts, checkpoint.ts).

import { createKernels, type Kernels } from '@glassbox/core-wasm';
import { GlassboxError } from '@glassbox/model';
import type { NamedTensor } from '@glassbox/model/checkpoint';
import { type GPT, InferenceSession, parameterCount } from '@glassbox/model/gpt';
import type { Tokenizer } from '@glassbox/model/tokenizer';
import type { TokenArray, Trainer, TrainerState } from '@glassbox/model/train';
import type { CorpusSpec, ModelInfo, Slot, TokenizerChoice } from './explorer-protocol';

export interface SessionData {
  train: TokenArray;
  val?: TokenArray;
  /** Plain validation text (what the Loss page picks sentences from). */
  valText: string;
}

/** What a run was trained on; saved in trainer.json's `run` with the CLI's field names. */
export interface RunSettings {
  data: string;
  tokenizer: TokenizerChoice | string;
  valFraction: number;
  modelSeed: number;
  [key: string]: unknown;
}

export interface Session {
  model: GPT;
  tokenizer: Tokenizer;
  modelId: number;
  source: string;
  run: RunSettings;
  corpus?: CorpusSpec;
  data?: SessionData;
  trainer?: Trainer;
  /** A loaded checkpoint's state, kept until a Trainer continues it. */
  resume?: { state: TrainerState; optimizer: Map<string, NamedTensor> };
  control: { pause: boolean; stop: boolean };
  running: boolean;
  inference?: InferenceSession;
}

const sessions = new Map<Slot, Session>();
let nextModelId = 1;

export function newModelId(): number {
  return nextModelId++;
}

/** Kernels for a new model: the wasm core on every core the browser offers. */
export function newKernels(): Promise<Kernels> {
  return createKernels('wasm', { threads: 'auto' });
}

export function setSession(slot: Slot, session: Session): void {
  const old = sessions.get(slot);
  sessions.set(slot, session);
  if (!old || old.model === session.model) return;
  if (old.running)
    old.control.stop = true; // its loop ends at the next step and releases it
  else releaseSession(slot, old);
}

/** Stops the threads of a session's kernels unless it is still the slot's current model. */
export function releaseSession(slot: Slot, s: Session): void {
  if (sessions.get(slot) !== s) s.model.kernels.dispose();
}

export function peekSession(slot: Slot): Session | undefined {
  return sessions.get(slot);
}

/** The slot's model, or a message saying how to get one. */
export function requireSession(slot: Slot): Session {
  const s = sessions.get(slot);
  if (!s)
    throw new GlassboxError(
      'there is no model yet: train one on the Train page (a tiny one takes seconds) or load a checkpoint',
    );
  return s;
}

/** The model's reusable inference session. */
export function inferenceFor(s: Session): InferenceSession {
  s.inference ??= new InferenceSession(s.model);
  return s.inference;
}

export function modelInfo(slot: Slot): ModelInfo | null {
  const s = sessions.get(slot);
  if (!s) return null;
  const trainer = s.trainer;
  const step = trainer?.step ?? s.resume?.state.step ?? 0;
  const maxSteps = trainer?.config.maxSteps ?? s.resume?.state.config.maxSteps;
  const history = trainer?.history ?? s.resume?.state.history ?? [];
  const canContinue = trainer ? !trainer.done : s.resume !== undefined;
  return {
    slot,
    modelId: s.modelId,
    config: s.model.config,
    parameters: parameterCount(s.model.config),
    threads: s.model.kernels.threads,
    tokenizerKind: s.tokenizer.kind,
    source: s.source,
    step,
    maxSteps,
    history,
    resumable: canContinue && !s.running,
    needsCorpus: !trainer && s.resume !== undefined && !builtInCorpus(s.run.data),
    running: s.running,
  };
}

/** The corpus a run's `data` field names, when the page can rebuild it by itself. */
export function builtInCorpus(data: string): CorpusSpec | undefined {
  if (data === 'brown') return { kind: 'brown' };
  if (data === 'toy') return { kind: 'toy' };
  return undefined;
}
