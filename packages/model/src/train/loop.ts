// The training loop shared by the CLI and the web worker: steps until done, evaluates on
// schedule, checkpoints on schedule and at the end, and yields to the event loop now and then
// so a stop request (Ctrl-C, the page's Stop button) is seen between steps.

import { yieldToEventLoop } from '../util/yield.js';
import type { StepRecord, Trainer } from './trainer.js';

export interface LoopHooks {
  onStep?(record: StepRecord): void;
  onEval?(step: number, losses: { train?: number; val?: number }): void;
  /** Called every checkpointInterval steps, at the end, and when stopped early. */
  onCheckpoint?(): Promise<void>;
  checkpointInterval?: number;
  /** Polled between steps; true stops the loop after a checkpoint. */
  shouldStop?(): boolean;
  /** Evaluate once before the first step (nanoGPT's iteration-0 estimate). Default true on a fresh run. */
  evalAtStart?: boolean;
}

export type LoopOutcome = 'finished' | 'stopped' | 'early-stopped';

export async function runTraining(trainer: Trainer, hooks: LoopHooks = {}): Promise<LoopOutcome> {
  const { checkpointInterval = 0 } = hooks;
  // Never save weights that are not finite numbers: the last good checkpoint must stand.
  const checkpoint = async () => {
    trainer.assertFinite();
    await hooks.onCheckpoint?.();
  };
  if ((hooks.evalAtStart ?? trainer.step === 0) && trainer.config.evalInterval > 0) {
    const losses = { train: trainer.evaluate('train'), val: trainer.evaluate('val') };
    hooks.onEval?.(trainer.step, losses);
  }
  let lastYield = performance.now();
  while (!trainer.done) {
    if (hooks.shouldStop?.()) {
      await checkpoint();
      return 'stopped';
    }
    const record = trainer.trainStep();
    hooks.onStep?.(record);
    if (trainer.shouldEvaluate()) {
      const losses = trainer.evaluateAndRecord(); // always: early stopping depends on it
      hooks.onEval?.(trainer.step, losses);
    }
    if (checkpointInterval > 0 && trainer.step % checkpointInterval === 0 && !trainer.done)
      await checkpoint();
    if (performance.now() - lastYield > 50) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
  }
  await checkpoint();
  return trainer.stoppedEarly ? 'early-stopped' : 'finished';
}
