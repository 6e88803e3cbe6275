// The guided tour: the explainer's story in seven steps, each a short text and a live widget.
// Opening the tour starts training its small model in the worker (toy corpus, word tokens), so
// by the time the learner reaches a widget there is a model behind it.

import { useEffect } from 'react';
import { useRemembered } from '../../components/remembered';
import '../../components/explorer.css';
import { getRun, startTraining, useRun } from '../train/run-store';
import { STEPS } from './steps';
import { TOUR_RUN } from './tour-model';

export default function TourPage() {
  const [index, setIndex] = useRemembered('tour.step', 0);
  const run = useRun('tour');
  useEffect(() => {
    if (getRun('tour').status === 'idle' && !getRun('tour').model) void startTraining(TOUR_RUN);
  }, []);
  const step = STEPS[index];
  return (
    <section>
      <h1>Tour: how a language model works</h1>
      <ol className="tour-steps" aria-label="tour steps">
        {STEPS.map((s, i) => (
          <li key={s.id}>
            <button type="button" aria-current={i === index ? 'step' : undefined} onClick={() => setIndex(i)}>
              {s.title}
            </button>
          </li>
        ))}
      </ol>
      <p className="muted" data-testid="tour-model-status">
        Tour model:{' '}
        {run.status === 'training' || run.status === 'preparing'
          ? `training, step ${run.step} of ${run.maxSteps ?? '…'}`
          : run.model
            ? `trained ${run.model.step} steps`
            : 'not trained yet'}
        {run.evals.length > 0 && ` · validation loss ${run.evals[run.evals.length - 1].val?.toFixed(2)}`}
      </p>
      {run.error && (
        <p role="alert" className="error">
          {run.error}
        </p>
      )}
      <h2>{step.title}</h2>
      <p>{step.text}</p>
      <div className="widget" data-testid={`tour-${step.id}`}>
        {step.widget()}
      </div>
      <div className="controls">
        <button type="button" disabled={index === 0} onClick={() => setIndex(index - 1)}>
          Back
        </button>
        <button type="button" disabled={index === STEPS.length - 1} onClick={() => setIndex(index + 1)}>
          Next
        </button>
      </div>
    </section>
  );
}
