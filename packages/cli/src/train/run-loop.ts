// The training loop as the terminal shows it, shared by `glassbox train` and `glassbox finetune`:
// a progress line (step, loss, validation loss, tokens/s, ETA), one metrics.jsonl line per step,
// evaluations printed as they happen, checkpoints on schedule and at the end, and Ctrl-C saving
// a checkpoint before stopping (a second Ctrl-C quits at once, without saving).

import { etaSeconds } from '@glassbox/model/run';
import { runTraining, type Trainer } from '@glassbox/model/train';
import { formatDuration, ProgressLine } from '../ui/progress.js';
import type { MetricsLog } from './metrics-log.js';

export interface LoopOptions {
  trainer: Trainer;
  metrics: MetricsLog;
  /** Save every N steps (0 = only at the end and on Ctrl-C). */
  checkpointInterval: number;
  save: () => Promise<void>;
  progress?: ProgressLine;
  /** Further figures for an evaluation's metrics line (e.g. train's whole-split loss at the end). */
  evalFigures?: (step: number) => Record<string, number | undefined>;
}

export interface LoopResult {
  outcome: 'finished' | 'stopped' | 'early-stopped';
  seconds: number;
}

export async function runWithProgress({
  trainer,
  metrics,
  checkpointInterval,
  save,
  progress = new ProgressLine(),
  evalFigures,
}: LoopOptions): Promise<LoopResult> {
  let stop = false;
  const onSigint = () => {
    if (stop) process.exit(130); // a second Ctrl-C: leave now
    stop = true;
    progress.log('stopping after this step and saving a checkpoint… (Ctrl-C again to quit without saving)');
  };
  process.on('SIGINT', onSigint);
  const started = performance.now();
  const startStep = trainer.step;
  const total = trainer.config.maxSteps;
  let lastVal: number | undefined;
  try {
    const outcome = await runTraining(trainer, {
      checkpointInterval,
      shouldStop: () => stop,
      onStep: (r) => {
        const elapsed = (performance.now() - started) / 1000;
        const eta = etaSeconds(started, performance.now(), r.step - startStep, total - startStep);
        progress.update(
          `step ${r.step}/${total}  loss ${r.loss.toFixed(4)}  val ${lastVal?.toFixed(4) ?? '—'}  ${Math.round(r.tokensPerSecond).toLocaleString('en-US')} tok/s  ETA ${formatDuration(eta)}`,
        );
        if (!trainer.shouldEvaluate()) {
          metrics.append({
            step: r.step,
            loss: r.loss,
            lr: r.lr,
            tokens_per_s: r.tokensPerSecond,
            elapsed_s: elapsed,
          });
        }
      },
      onEval: (step, losses) => {
        lastVal = losses.val;
        const r = trainer.history[trainer.history.length - 1];
        const elapsed = (performance.now() - started) / 1000;
        const base =
          step === 0 || !r ? { step } : { step, loss: r.loss, lr: r.lr, tokens_per_s: r.tokensPerSecond };
        metrics.append({
          ...base,
          elapsed_s: elapsed,
          train_loss: losses.train,
          val_loss: losses.val,
          ...evalFigures?.(step),
        });
        progress.log(
          `step ${step}: train loss ${losses.train?.toFixed(4)}, val loss ${losses.val?.toFixed(4) ?? '—'}`,
        );
      },
      onCheckpoint: save,
    });
    return { outcome, seconds: (performance.now() - started) / 1000 };
  } finally {
    process.off('SIGINT', onSigint);
    progress.clear();
  }
}
