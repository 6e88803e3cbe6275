// trainer.json, read back: the trainer's state (step, sampler position, history, early-stopping
// counters, training config) and the run record, each checked before anything uses them, so a
// damaged or hand-edited file is refused with a message naming the field, not half-resumed.

import { parseRunRecord } from '../run/record.js';
import { validateTrainConfig } from '../train/config.js';
import type { StepRecord, TrainerState } from '../train/trainer.js';
import { GlassboxError } from '../util/errors.js';

export function parseTrainerState(json: unknown, where = 'trainer.json'): TrainerState {
  const bad = (what: string) => new GlassboxError(what, where);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw bad('not a JSON object');
  const j = json as Record<string, unknown>;
  const step = j.step;
  if (typeof step !== 'number' || !Number.isInteger(step) || step < 0)
    throw bad(`"step" must be a whole number ≥ 0, got ${JSON.stringify(step)}`);
  if (!Array.isArray(j.history)) throw bad('"history" must be a list of step records');
  const history = j.history.map((h, i) => stepRecord(h, `${where}: history[${i}]`));
  // One record per step taken: a history that does not end at "step" is from another state.
  const last = history.at(-1)?.step ?? 0;
  if (last !== step)
    throw bad(`"history" ends at step ${last} but "step" is ${step}; the file was damaged or edited`);
  // The token sampler's position: xoshiro's four 32-bit words (a fine-tune's batches keep their own).
  const s = j.samplerState;
  const words = (x: unknown[]) =>
    x.length === 4 && x.every((w) => Number.isInteger(w) && (w as number) >= 0 && (w as number) < 2 ** 32);
  if (s !== undefined && (Array.isArray(s) ? !words(s) : typeof s !== 'object' || s === null))
    throw bad(`"samplerState" must be four whole numbers from 0 to 2^32 − 1, got ${JSON.stringify(s)}`);
  if (typeof j.config !== 'object' || j.config === null)
    throw bad('"config" (the training settings) is missing');
  const config = validateTrainConfig({ ...(j.config as TrainerState['config']) }, `${where}: config`);
  const best = j.bestValLoss;
  if (best !== null && best !== undefined && typeof best !== 'number')
    throw bad(`"bestValLoss" must be a number or null, got ${JSON.stringify(best)}`);
  const waits = j.evalsWithoutImprovement ?? 0;
  if (typeof waits !== 'number' || !Number.isInteger(waits) || waits < 0)
    throw bad(`"evalsWithoutImprovement" must be a whole number ≥ 0, got ${JSON.stringify(waits)}`);
  return {
    step,
    samplerState: j.samplerState,
    history,
    bestValLoss: best ?? null,
    evalsWithoutImprovement: waits,
    config,
    run: j.run === undefined ? undefined : parseRunRecord(j.run, where),
  };
}

function stepRecord(h: unknown, where: string): StepRecord {
  if (typeof h !== 'object' || h === null) throw new GlassboxError('not a step record', where);
  const r = h as Record<string, unknown>;
  for (const key of ['step', 'loss', 'lr'] as const) {
    if (typeof r[key] !== 'number') throw new GlassboxError(`"${key}" must be a number`, where);
  }
  return r as unknown as StepRecord;
}
