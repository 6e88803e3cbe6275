// The guided tour, which is also the home page: a title, one paragraph, and the explainer's story
// in eight steps, each a short text and a live widget (the step is in the URL, #/tour/<id>; the
// first step is #/). Opening it starts training the tour's small GPT in the worker (tour corpus,
// word tokens), so by the time the learner reaches a widget there is a model behind it.
// Keyboard: ← and → move between steps (outside text fields); Back and Next are buttons.

import { useEffect } from 'react';
import '../../components/explorer.css';
import { getRun, startTraining, useRun } from '../train/run-store';
import { STEPS } from './steps';
import { TOUR_RUN } from './tour-model';

const href = (i: number) => (i === 0 ? '#/' : `#/tour/${STEPS[i].id}`);
const go = (i: number) => {
  window.location.hash = href(i);
  window.scrollTo(0, 0);
};

export default function TourPage({ step: index }: { step: number }) {
  const run = useRun('tour');
  useEffect(() => {
    if (getRun('tour').status === 'idle' && !getRun('tour').model) void startTraining(TOUR_RUN);
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
      if (e.key === 'ArrowRight' && index < STEPS.length - 1) go(index + 1);
      if (e.key === 'ArrowLeft' && index > 0) go(index - 1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [index]);
  const step = STEPS[index];
  return (
    <section>
      <h1>glassbox: how a language model works</h1>
      <p>
        A large language model is a machine that guesses the next word. This tour builds a small one in your
        browser while you read — every number below is computed here, live — and follows it from autocomplete
        to tokens, embeddings, training data, loss, the base model and fine-tuning. Use Next, the step list
        above, or the ← → keys.
      </p>
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
        <button type="button" disabled={index === 0} onClick={() => go(index - 1)}>
          Back
        </button>
        <button type="button" disabled={index === STEPS.length - 1} onClick={() => go(index + 1)}>
          Next
        </button>
      </div>
    </section>
  );
}
