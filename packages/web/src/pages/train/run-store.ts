// The page side of a training run, per model slot: status, the loss curves, samples, the current
// model's description, and the last error. It lives outside React so a run keeps going (and
// keeps being recorded) while the learner visits other pages. Worker progress arrives many
// times a second; listeners are told at most every 80 ms.

import type { StepProfile } from '@glassbox/model/train';
import { useSyncExternalStore } from 'react';
import { run } from '../../worker/client';
import type {
  CorpusSpec,
  ModelInfo,
  RunEvent,
  Slot,
  TrainOutcome,
  TrainRequest,
} from '../../worker/protocol/explorer';

export type RunStatus = 'idle' | 'preparing' | 'training' | 'paused' | 'finished' | 'stopped';

export interface RunState {
  status: RunStatus;
  /** What the data step said (corpus, tokens, split). */
  dataMessage?: string;
  error?: string;
  step: number;
  maxSteps?: number;
  loss?: number;
  tokensPerSecond?: number;
  eta?: number;
  /** Training loss at every step. */
  steps: { step: number; loss: number }[];
  /** Evaluations: mean loss over fixed batches of each split. */
  evals: { step: number; train?: number; val?: number }[];
  samples: { step: number; text: string }[];
  model: ModelInfo | null;
  /** The latest step's time per kernel family. */
  profile?: StepProfile;
}

const initial = (): RunState => ({ status: 'idle', step: 0, steps: [], evals: [], samples: [], model: null });

const states: Record<Slot, RunState> = {
  main: initial(),
  tour: initial(),
  finetuneBase: initial(),
  finetuneTuned: initial(),
};
/** Bumped whenever a slot gets a new run or model: late news from an older one is dropped. */
const generation: Record<Slot, number> = { main: 0, tour: 0, finetuneBase: 0, finetuneTuned: 0 };
const listeners = new Set<() => void>();
let flushTimer: ReturnType<typeof setTimeout> | undefined;

function notifySoon(): void {
  if (flushTimer !== undefined) return;
  flushTimer = setTimeout(notifyNow, 80);
}

/** Tells listeners at once (a new run must never show the last run's final state). */
function notifyNow(): void {
  if (flushTimer !== undefined) clearTimeout(flushTimer);
  flushTimer = undefined;
  for (const l of listeners) l();
}

function update(slot: Slot, patch: Partial<RunState>): void {
  states[slot] = { ...states[slot], ...patch };
  notifySoon();
}

export function getRun(slot: Slot): RunState {
  return states[slot];
}

export function useRun(slot: Slot): RunState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => states[slot],
  );
}

function onEvent(slot: Slot, e: RunEvent): void {
  const s = states[slot];
  if (e.kind === 'data') update(slot, { dataMessage: e.message, status: e.ready ? 'training' : 'preparing' });
  else if (e.kind === 'step') {
    // The model exists from the first step on: let the other pages use it while it trains.
    if (s.steps.length === 0) void refreshModel(slot);
    update(slot, {
      status: 'training',
      step: e.step,
      maxSteps: e.total,
      loss: e.loss,
      tokensPerSecond: e.tokensPerSecond,
      eta: e.etaSeconds,
      steps: [...s.steps, { step: e.step, loss: e.loss }],
    });
  } else if (e.kind === 'eval') {
    update(slot, { evals: [...s.evals, { step: e.step, train: e.trainLoss, val: e.valLoss }] });
    if (e.step > 0) void refreshModel(slot); // the pages look again at the model as it learns
  } else if (e.kind === 'sample') update(slot, { samples: [...s.samples, { step: e.step, text: e.text }] });
  else if (e.kind === 'profile') update(slot, { profile: e.profile });
}

/** Runs a training job, feeding its progress into the slot while it is still the slot's latest. */
async function follow(slot: Slot, start: (onEvent: (e: RunEvent) => void) => Promise<TrainOutcome>) {
  const mine = ++generation[slot];
  const current = () => generation[slot] === mine;
  try {
    const { outcome, info } = await start((e) => current() && onEvent(slot, e));
    if (!current()) return;
    const status: RunStatus =
      outcome === 'paused' ? 'paused' : outcome === 'stopped' ? 'stopped' : 'finished';
    update(slot, { status, model: info, eta: undefined });
  } catch (e) {
    if (!current()) return;
    update(slot, { status: states[slot].model ? 'stopped' : 'idle', error: (e as Error).message });
    await refreshModel(slot);
  }
}

export function startTraining(req: TrainRequest): Promise<void> {
  const slot = req.slot;
  states[slot] = { ...initial(), status: 'preparing', maxSteps: req.train.maxSteps };
  notifyNow();
  return follow(slot, (onEvent) => run('trainStart', req, onEvent));
}

export function resumeTraining(slot: Slot, corpus?: CorpusSpec): Promise<void> {
  states[slot] = { ...states[slot], status: 'training', error: undefined };
  notifyNow();
  return follow(slot, (onEvent) => run('trainResume', { slot, corpus }, onEvent));
}

export async function controlTraining(slot: Slot, command: 'pause' | 'stop'): Promise<void> {
  await run('trainControl', { slot, command });
}

/** Adopts a model loaded from a checkpoint: its history becomes the curves. */
export function adoptModel(slot: Slot, info: ModelInfo): void {
  generation[slot]++; // a run that was going on the replaced model reports no more
  const evals = info.history
    .filter((h) => h.valLoss !== undefined || h.trainEvalLoss !== undefined)
    .map((h) => ({ step: h.step, train: h.trainEvalLoss, val: h.valLoss }));
  states[slot] = {
    ...initial(),
    status: info.resumable ? 'paused' : 'finished',
    step: info.step,
    maxSteps: info.maxSteps,
    loss: info.history[info.history.length - 1]?.loss,
    steps: info.history.map((h) => ({ step: h.step, loss: h.loss })),
    evals,
    model: info,
    dataMessage: info.source,
  };
  notifySoon();
}

export async function refreshModel(slot: Slot): Promise<ModelInfo | null> {
  const info = await run('modelInfo', { slot });
  update(slot, { model: info });
  return info;
}

export function setRunError(slot: Slot, error: string | undefined): void {
  update(slot, { error });
}
