// The loss curve of a fine-tuning run as points: built from the run's progress events, the same
// way in the worker (the result's curve) and on the page (the chart while the run goes).

import type { Progress } from '@glassbox/model/run';
import type { CurvePoint } from '../../worker/protocol/finetune';

/**
 * The curve so far plus one progress event of the fine-tuning job (a step's loss, or an
 * evaluation's validation loss at a step), as a new array for React state.
 */
export function addProgress(points: CurvePoint[], p: Progress): CurvePoint[] {
  const { loss, val } = p.metrics ?? {};
  if (loss !== undefined) return [...points, { step: p.done, loss }];
  if (val === undefined) return points;
  const at = points.findIndex((q) => q.step === p.done);
  if (at < 0) return [...points, { step: p.done, loss: val, val }];
  return points.map((q, i) => (i === at ? { ...q, val } : q));
}
