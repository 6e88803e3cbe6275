// The tour's pretraining widget: the tour model's run as it happens (or happened) — progress,
// loss curves with the uniform-guess line, and the samples (and, given a prompt, the model's guesses for its next word) — with a button to train it again.

import { AutocompleteWidget } from '../../components/AutocompleteWidget';
import { LossChart } from '../../components/LossChart';
import { RunProgress } from '../train/RunProgress';
import { startTraining, useRun } from '../train/run-store';
import { Samples } from '../train/Samples';
import { TOUR_RUN } from './tour-model';

export function PretrainStep({ prompt }: { prompt?: string } = {}) {
  const run = useRun('tour');
  const busy = run.status === 'preparing' || run.status === 'training';
  return (
    <div className="stack">
      {prompt && <AutocompleteWidget slot="tour" initialPrompt={prompt} />}
      <RunProgress run={run} />
      <LossChart steps={run.steps} evals={run.evals} vocabSize={run.model?.config.vocabSize} height={200} />
      <div className="controls">
        <button type="button" disabled={busy} onClick={() => startTraining(TOUR_RUN)}>
          Train it again from random numbers
        </button>
      </div>
      <Samples samples={run.samples.slice(-3)} />
    </div>
  );
}
