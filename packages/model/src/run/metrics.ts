// metrics.jsonl: one JSON object per logged step, the file every trainer writes beside its
// checkpoints (glassbox's CLI, the scale-out trainer) and the loss views read back:
//   { step, loss, lr, tokens_per_s, elapsed_s }                       every step
//   { …, train_loss, val_loss [, val_loss_full] }                     at evaluations (step 0 too)
// Field names are snake_case, as nanoGPT-style logs are. A resumed run first drops the lines past
// its checkpoint's step (keepThroughStep), so the file never shows a step twice.

import { GlassboxError } from '../util/errors.js';
import type { TrainingEvent } from './events.js';

export interface MetricsRecord {
  step: number;
  loss?: number;
  lr?: number;
  tokens_per_s?: number;
  elapsed_s?: number;
  train_loss?: number;
  val_loss?: number;
  /** Loss over the whole validation split (the last evaluation of `glassbox train`). */
  val_loss_full?: number;
}

/** The metrics line for an event, or undefined when the event is not logged (or is logged by its eval). */
export function metricsRecord(
  e: TrainingEvent,
  extra: Partial<MetricsRecord> = {},
): MetricsRecord | undefined {
  if (e.kind === 'step') {
    if (e.evaluates) return undefined;
    return {
      step: e.step,
      loss: e.loss,
      lr: e.lr,
      tokens_per_s: e.tokensPerSecond,
      elapsed_s: e.elapsedSeconds,
    };
  }
  if (e.kind === 'eval') {
    return dropUndefined({
      step: e.step,
      loss: e.loss,
      lr: e.lr,
      tokens_per_s: e.tokensPerSecond,
      elapsed_s: e.elapsedSeconds,
      train_loss: e.trainLoss,
      val_loss: e.valLoss,
      ...extra,
    });
  }
  return undefined;
}

/** Reads metrics.jsonl; blank lines are skipped, anything else that is not a record is an error. */
export function parseMetrics(text: string, where = 'metrics.jsonl'): MetricsRecord[] {
  const out: MetricsRecord[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (e) {
      throw new GlassboxError(`not JSON (${(e as Error).message})`, `${where}:${i + 1}`);
    }
    const r = json as Record<string, unknown>;
    if (typeof json !== 'object' || json === null || typeof r.step !== 'number')
      throw new GlassboxError('not a metrics record (no numeric "step")', `${where}:${i + 1}`);
    for (const [k, v] of Object.entries(r)) {
      if (v !== null && typeof v !== 'number')
        throw new GlassboxError(`"${k}" must be a number, got ${JSON.stringify(v)}`, `${where}:${i + 1}`);
    }
    out.push(r as unknown as MetricsRecord);
  });
  return out;
}

/** Keeps the lines up to and including `step` (what a run resumed at `step` starts from). */
export function metricsThrough(text: string, step: number, where = 'metrics.jsonl'): string {
  return parseMetrics(text, where)
    .filter((r) => r.step <= step)
    .map((r) => `${JSON.stringify(r)}\n`)
    .join('');
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
