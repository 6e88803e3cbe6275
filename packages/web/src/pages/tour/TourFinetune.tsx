// The fine-tuning step's before and after, started by itself: once the tour model has trained, the
// worker fine-tunes a copy of it on four short questions with answers (@glassbox/model/finetune's
// tourFineTune: 100 steps, about a second), with the step and loss shown as it goes, then asks
// the base and the tuned copy the same question through the chat template. Runs again when the
// tour model is retrained. Does not handle: other questions (the Fine-tune page's chat does).

import { useEffect, useState } from 'react';
import { progressText, useJob } from '../../components/use-job';
import type { TourJobs } from '../../worker/protocol/tour';
import { useRun } from '../train/run-store';

type Result = TourJobs['tourFinetune']['output'];

export function TourFinetune() {
  const run = useRun('tour');
  const job = useJob('tourFinetune');
  const [result, setResult] = useState<Result>();
  const ready = run.status === 'finished' && run.model ? run.model.modelId : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per trained tour model
  useEffect(() => {
    if (ready === undefined || result?.modelId === ready) return;
    setResult(undefined);
    void job.start({}).then((r) => r && setResult(r));
  }, [ready]);
  if (job.error) return <p className="error">{job.error}</p>;
  if (!result) {
    return (
      <p aria-busy="true" data-testid="tour-finetune-progress">
        {ready === undefined
          ? `Waiting for the tour model to finish training (step ${run.step} of ${run.maxSteps ?? '…'})…`
          : `Fine-tuning a copy of the tour model on four questions with answers… ${progressText(job.progress)}`}
      </p>
    );
  }
  const first = result.losses[0];
  const last = result.losses[result.losses.length - 1];
  const show = (text: string, finished: boolean) => (
    <>
      <code>{text.trim() || '(nothing)'}</code> {finished ? '(and it stops)' : '(and it goes on…)'}
    </>
  );
  return (
    <table data-testid="tour-finetune">
      <caption>
        “{result.question}” asked through the chat template, before and after {result.losses.length}{' '}
        fine-tuning steps (reply loss {first.toFixed(2)} → {last.toFixed(2)}, {result.seconds.toFixed(1)} s in
        your browser)
      </caption>
      <thead>
        <tr>
          <th scope="col">model</th>
          <th scope="col">its reply</th>
        </tr>
      </thead>
      <tbody>
        <tr data-which="before" data-reply={result.before.text}>
          <th scope="row">base (before)</th>
          <td>{show(result.before.text, result.before.finished)}</td>
        </tr>
        <tr data-which="after" data-reply={result.after.text}>
          <th scope="row">fine-tuned (after)</th>
          <td>{show(result.after.text, result.after.finished)}</td>
        </tr>
      </tbody>
    </table>
  );
}
