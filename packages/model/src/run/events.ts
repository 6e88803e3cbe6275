// Training as a stream of typed events, the one the CLI's progress line and metrics.jsonl and the
// explorer's charts are all drawn from: a step, an evaluation, a sample of generated text, a saved
// checkpoint. trainWithEvents runs the library's loop (runTraining) and turns its hooks into these
// events, with elapsed time and an ETA measured the same way everywhere.

import { type LoopOutcome, runTraining } from '../train/loop.js';
import { KernelProfiler, type StepProfile } from '../train/profile.js';
import type { Trainer } from '../train/trainer.js';
import { etaSeconds } from '../util/progress.js';

export type TrainingEvent =
  | {
      kind: 'step';
      step: number;
      total: number;
      loss: number;
      lr: number;
      gradNorm: number;
      tokensPerSecond: number;
      /** Whether an evaluation of this step follows (its event carries the step's figures too). */
      evaluates: boolean;
      elapsedSeconds: number;
      etaSeconds?: number;
    }
  | {
      kind: 'eval';
      step: number;
      total: number;
      /** Mean loss over fixed batches of each split (undefined: no such split). */
      trainLoss?: number;
      valLoss?: number;
      /** The figures of the step just taken (none before the first step). */
      loss?: number;
      lr?: number;
      tokensPerSecond?: number;
      elapsedSeconds: number;
    }
  | { kind: 'sample'; step: number; text: string }
  | { kind: 'checkpoint'; step: number }
  /** With `profile`: where the step's time went, right after its step event. */
  | { kind: 'profile'; step: number; profile: StepProfile };

export interface TrainWithEventsOptions {
  onEvent: (e: TrainingEvent) => void;
  /** Polled between steps; true stops after a checkpoint. */
  shouldStop?: () => boolean;
  /** Saves a checkpoint (every checkpointInterval steps, at the end, on a stop). */
  save?: () => Promise<void>;
  checkpointInterval?: number;
  /** A sample of generated text after the first step's baseline and every later evaluation. */
  sample?: () => string;
  /** Time every kernel call of the model's kernels and emit a profile event per step (train/profile.ts). */
  profile?: boolean;
}

export interface TrainOutcome {
  outcome: LoopOutcome;
  seconds: number;
}

export async function trainWithEvents(trainer: Trainer, opts: TrainWithEventsOptions): Promise<TrainOutcome> {
  const started = performance.now();
  const startStep = trainer.step;
  const total = trainer.config.maxSteps;
  const elapsed = () => (performance.now() - started) / 1000;
  const { onEvent, sample } = opts;
  if (sample && startStep === 0) onEvent({ kind: 'sample', step: 0, text: sample() });
  const profiler = opts.profile ? new KernelProfiler(trainer.model.kernels, trainer.model.config) : undefined;
  profiler?.start();
  try {
    const outcome = await runTraining(trainer, {
      checkpointInterval: opts.checkpointInterval,
      shouldStop: opts.shouldStop,
      onStep: (r) => {
        onEvent({
          kind: 'step',
          step: r.step,
          total,
          loss: r.loss,
          lr: r.lr,
          gradNorm: r.gradNorm,
          tokensPerSecond: r.tokensPerSecond,
          evaluates: trainer.shouldEvaluate(),
          elapsedSeconds: elapsed(),
          etaSeconds: etaSeconds(started, performance.now(), r.step - startStep, total - startStep),
        });
        if (profiler) onEvent({ kind: 'profile', step: r.step, profile: profiler.takeStep(r.step) });
      },
      onEval: (step, losses) => {
        const r = step > 0 ? trainer.history[trainer.history.length - 1] : undefined;
        onEvent({
          kind: 'eval',
          step,
          total,
          trainLoss: losses.train,
          valLoss: losses.val,
          loss: r?.loss,
          lr: r?.lr,
          tokensPerSecond: r?.tokensPerSecond,
          elapsedSeconds: elapsed(),
        });
        if (sample && step > 0) onEvent({ kind: 'sample', step, text: sample() });
        profiler?.reset(); // the evaluation is not the next step's time
      },
      onCheckpoint: opts.save
        ? async () => {
            await opts.save!();
            onEvent({ kind: 'checkpoint', step: trainer.step });
            profiler?.reset();
          }
        : undefined,
    });
    return { outcome, seconds: elapsed() };
  } finally {
    profiler?.stop();
  }
}
