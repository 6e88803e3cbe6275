// The training loop as the terminal shows it, shared by `glassbox train` and `glassbox finetune`:
// the library's training events (run/events.ts) drawn as a progress line (step, loss, validation
// loss, tokens/s, ETA) and written to metrics.jsonl; evaluations and samples printed as they
// happen; checkpoints on schedule and at the end; Ctrl-C saving a checkpoint before stopping (a
// second Ctrl-C quits at once, without saving).

import {
  formatDuration,
  type MetricsRecord,
  metricsRecord,
  type TrainOutcome,
  trainWithEvents,
} from '@glassbox/model/run';
import type { StepProfile, Trainer } from '@glassbox/model/train';
import { ProgressLine } from '../ui/progress.js';
import type { MetricsLog } from './metrics-log.js';
import { profileLine, profileTable } from './profile-report.js';

export interface LoopOptions {
  trainer: Trainer;
  metrics: MetricsLog;
  /** Save every N steps (0 = only at the end and on Ctrl-C). */
  checkpointInterval: number;
  save: () => Promise<void>;
  progress?: ProgressLine;
  /** Further figures for an evaluation's metrics line (e.g. train's whole-split loss at the end). */
  evalFigures?: (step: number) => Partial<MetricsRecord>;
  /** Time the kernels: a line per step and a table at the end (profile-report.ts). */
  profile?: boolean;
}

export async function runWithProgress({
  trainer,
  metrics,
  checkpointInterval,
  save,
  progress = new ProgressLine(),
  evalFigures,
  profile,
}: LoopOptions): Promise<TrainOutcome> {
  const profiles: StepProfile[] = [];
  let stop = false;
  const onSigint = () => {
    if (stop) process.exit(130); // a second Ctrl-C: leave now
    stop = true;
    progress.log('stopping after this step and saving a checkpoint… (Ctrl-C again to quit without saving)');
  };
  process.on('SIGINT', onSigint);
  let lastVal: number | undefined;
  try {
    return await trainWithEvents(trainer, {
      checkpointInterval,
      shouldStop: () => stop,
      save,
      profile,
      onEvent: (e) => {
        if (e.kind === 'step') {
          progress.update(
            `step ${e.step}/${e.total}  loss ${e.loss.toFixed(4)}  val ${lastVal?.toFixed(4) ?? '—'}  ${Math.round(e.tokensPerSecond).toLocaleString('en-US')} tok/s  ETA ${formatDuration(e.etaSeconds)}`,
          );
          metrics.append(metricsRecord(e));
        } else if (e.kind === 'profile') {
          profiles.push(e.profile);
          progress.log(profileLine(e.profile));
        } else if (e.kind === 'eval') {
          lastVal = e.valLoss;
          metrics.append(metricsRecord(e, evalFigures?.(e.step)));
          progress.log(
            `step ${e.step}: train loss ${e.trainLoss?.toFixed(4)}, val loss ${e.valLoss?.toFixed(4) ?? '—'}`,
          );
        }
      },
    });
  } finally {
    process.off('SIGINT', onSigint);
    progress.clear();
    if (profiles.length > 0) progress.log(profileTable(profiles));
  }
}
