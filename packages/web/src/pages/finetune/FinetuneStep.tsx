// The tour's fine-tuning step in one widget: one button makes a tiny base model (pretrained in the
// worker on the Brown corpus), fine-tunes it on the built-in instructions, and shows the loss
// curve, the held-out reply loss before and after, and both models' answers side by side. About
// a minute on a laptop. Embed it anywhere: <FinetuneStep /> (it brings its own styles).

import { useState } from 'react';
import { run } from '../../worker/client';
import type { AskRow, CurvePoint, RunResult } from '../../worker/protocol/finetune';
import { SIZES } from './BasePanel';
import { addProgress } from './curve';
import { HeldOutLoss } from './HeldOutLoss';
import { LossChart } from './LossChart';
import { RUN_DEFAULTS } from './RunPanel';
import { SideBySide } from './SideBySide';
import './finetune.css';

export interface FinetuneStepProps {
  /** Pretraining steps of the tiny base (default 300) and fine-tuning steps (default 150). */
  baseSteps?: number;
  finetuneSteps?: number;
}

export function FinetuneStep({ baseSteps = 300, finetuneSteps = 150 }: FinetuneStepProps) {
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const [curve, setCurve] = useState<CurvePoint[]>([]);
  const [result, setResult] = useState<RunResult>();
  const [rows, setRows] = useState<AskRow[]>([]);
  const busy = status !== undefined;

  const go = async () => {
    setError(undefined);
    setResult(undefined);
    setRows([]);
    setCurve([]);
    try {
      setStatus('pretraining a tiny base model on the Brown corpus…');
      await run('finetunePretrain', { ...SIZES.tiny, steps: baseSteps, seed: 1337 }, (p) =>
        setStatus(`pretraining the base model: step ${p.done} of ${p.total ?? baseSteps}`),
      );
      const data = await run('finetuneData', { source: 'builtin' });
      setStatus('fine-tuning on the built-in instructions…');
      let points: CurvePoint[] = [];
      const out = await run('finetuneRun', { ...RUN_DEFAULTS, maxSteps: finetuneSteps, lr: 2e-3 }, (p) => {
        points = addProgress(points, p);
        setCurve(points);
        setStatus(`fine-tuning: step ${p.done} of ${p.total ?? finetuneSteps}`);
      });
      setCurve(out.curve);
      setResult(out);
      setStatus('asking both models…');
      setRows(await run('finetuneAsk', { prompts: data.heldOutPrompts.slice(0, 4), maxTokens: 30 }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setStatus(undefined);
    }
  };

  return (
    <div className="stack" data-testid="finetune-step">
      <button type="button" onClick={go} disabled={busy}>
        {result ? 'Run it again' : 'Pretrain a tiny model, then fine-tune it'}
      </button>
      {status && <p aria-busy="true">{status}</p>}
      {error && <p className="error">{error}</p>}
      {curve.length > 0 && <LossChart points={curve} total={finetuneSteps} />}
      {result && <HeldOutLoss result={result} />}
      {rows.length > 0 && <SideBySide rows={rows} />}
    </div>
  );
}
