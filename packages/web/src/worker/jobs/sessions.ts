// The worker's models, one per slot: the GPT, its tokenizer, and what training needs to continue
// (the Trainer of a run in this page, or a loaded checkpoint's trainer state and optimizer
// moments until it is resumed). Also the one InferenceSession per model that autocomplete reuses,
// because every session takes its KV cache from the model's arena and arenas never shrink.
// Each model runs on its own kernels, threaded over every core where the page is cross-origin
// isolated; a replaced model's threads are stopped once its run has let go of them.
// Not handled here: how models are trained or loaded (train.ts, checkpoint.ts).

import { createKernels, type Kernels } from '@glassbox/core-wasm';
import { GlassboxError } from '@glassbox/model';
import type { LoadedCheckpoint } from '@glassbox/model/checkpoint';
import { type GPT, InferenceSession, parameterCount } from '@glassbox/model/gpt';
import { type CorpusRef, isBuiltInCorpus, type PretrainRecord } from '@glassbox/model/run';
import type { Tokenizer } from '@glassbox/model/tokenizer';
import type { TokenArray, Trainer } from '@glassbox/model/train';
import type { CorpusSpec, ModelInfo, Slot } from '../protocol/explorer';

export interface SessionData {
  train: TokenArray;
  val?: TokenArray;
  /** Plain validation text (what the Loss page picks sentences from). */
  valText: string;
}

export interface Session {
  model: GPT;
  tokenizer: Tokenizer;
  modelId: number;
  source: string;
  /** How to continue pretraining it (none for a checkpoint that is not a pretraining run). */
  record?: PretrainRecord;
  corpus?: CorpusSpec;
  data?: SessionData;
  trainer?: Trainer;
  /** A loaded checkpoint (trainer state and optimizer moments), kept until a Trainer continues it. */
  resume?: LoadedCheckpoint;
  control: { pause: boolean; stop: boolean };
  running: boolean;
  inference?: InferenceSession;
  /** A model loaded from files: how (shown with its size). */
  loaded?: { fileMiB: number; dtypes: string; seconds: number };
  /** Token ids that end a text (generation_config.json), for the pages that generate. */
  eosTokenIds?: number[];
  /** Its last validation loss, where it was measured outside a Trainer (the Fine-tune page). */
  valLoss?: number;
  /** A fine-tuned model: the base as its run started (chat-token rows grown), to compare with. */
  start?: GPT;
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

/** Empties a slot, stopping its model's threads (at the end of its run, if one is running). */
export function clearSession(slot: Slot): void {
  const old = sessions.get(slot);
  if (!old) return;
  sessions.delete(slot);
  if (old.running) old.control.stop = true;
  else old.model.kernels.dispose();
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
  const state = s.resume?.trainer;
  const step = trainer?.step ?? state?.step ?? 0;
  const maxSteps = trainer?.config.maxSteps ?? state?.config.maxSteps;
  const history = trainer?.history ?? state?.history ?? [];
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
    loaded: s.loaded,
    needsCorpus: !trainer && s.resume !== undefined && !!s.record && !builtInCorpus(s.record.corpus),
    running: s.running,
  };
}

/** The corpus a run record names, when the page can rebuild it by itself. */
export function builtInCorpus(ref: CorpusRef): CorpusSpec | undefined {
  return isBuiltInCorpus(ref) ? { kind: ref.kind } : undefined;
}
