// What a page shows before there is a model: where to get one, and a button that trains a tiny
// one on the toy corpus right here (a few seconds), so every page can be tried at once.

import { PRESETS, withSteps } from '../pages/train/presets';
import { startTraining, useRun } from '../pages/train/run-store';
import type { Slot } from '../worker/protocol/explorer';

export function quickTrain(slot: Slot): Promise<void> {
  const tiny = PRESETS[0];
  return startTraining({
    slot,
    corpus: { kind: 'toy' },
    tokenizer: 'word',
    model: tiny.model,
    train: withSteps(tiny, 200),
    modelSeed: 1337,
  });
}

export function NeedModel({ slot = 'main' }: { slot?: Slot }) {
  const run = useRun(slot);
  const busy = run.status === 'preparing' || run.status === 'training';
  return (
    <div className="notice" data-testid="need-model">
      <p>
        There is no model yet. Train one on the <a href="#/train">Train page</a>, load a checkpoint there, or
        train a tiny one on the toy corpus now (a few seconds).
      </p>
      <button type="button" disabled={busy} onClick={() => quickTrain(slot)}>
        {busy ? `Training… step ${run.step}` : 'Train a tiny model now'}
      </button>
      {run.error && <p className="error">{run.error}</p>}
    </div>
  );
}
