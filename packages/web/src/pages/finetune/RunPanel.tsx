// Step 3 of the Fine-tune page: the run. Every weight or LoRA adapters (rank, alpha), epochs or a
// step count, the learning rate; the loss curve grows as the worker trains; Stop ends the run
// early and keeps what it learned. Reports the held-out reply loss before and after.

import { useState } from 'react';
import { useJob } from '../../components/use-job';
import { run } from '../../worker/client';
import type { CurvePoint, RunInput, RunResult } from '../../worker/protocol/finetune';
import { addProgress } from './curve';
import { HeldOutLoss } from './HeldOutLoss';
import { LossChart } from './LossChart';

export const RUN_DEFAULTS: RunInput = {
  lora: false,
  rank: 8,
  alpha: 16,
  epochs: 1,
  lr: 1e-3,
  batchSize: 12,
  evalInterval: 25,
  pack: false,
};

function NumberField(props: {
  label: string;
  value: number;
  step?: number;
  disabled: boolean;
  set: (v: number) => void;
}) {
  return (
    <label>
      {props.label}{' '}
      <input
        aria-label={props.label}
        type="number"
        step={props.step ?? 1}
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.set(Number(e.target.value))}
      />
    </label>
  );
}

export function RunPanel({ ready, onDone }: { ready: boolean; onDone: (r: RunResult) => void }) {
  const [input, setInput] = useState<RunInput>(RUN_DEFAULTS);
  const [steps, setSteps] = useState<number | ''>('');
  const [curve, setCurve] = useState<CurvePoint[]>([]);
  const [result, setResult] = useState<RunResult>();
  const job = useJob('finetuneRun');
  const set = (patch: Partial<RunInput>) => setInput({ ...input, ...patch });
  const off = job.busy;

  const start = async () => {
    setCurve([]);
    setResult(undefined);
    let points: CurvePoint[] = [];
    const out = await job.start({ ...input, maxSteps: steps === '' ? undefined : steps }, (p) => {
      points = addProgress(points, p);
      setCurve(points);
    });
    if (out) {
      setCurve(out.curve);
      setResult(out);
      onDone(out);
    }
  };

  return (
    <section className="ft-panel">
      <h2>3. Fine-tune</h2>
      <p>
        The same training loop as pretraining, on the conversations. LoRA freezes every base weight and trains
        small low-rank corrections to the attention and MLP matrices instead (merged into the weights at the
        end).
      </p>
      <div className="ft-row">
        <label>
          <input
            type="checkbox"
            aria-label="LoRA"
            checked={input.lora}
            disabled={off}
            onChange={(e) => set({ lora: e.target.checked, lr: e.target.checked ? 2e-3 : 1e-3 })}
          />{' '}
          LoRA
        </label>
        {input.lora && (
          <NumberField label="rank" value={input.rank} disabled={off} set={(rank) => set({ rank })} />
        )}
        {input.lora && (
          <NumberField label="alpha" value={input.alpha} disabled={off} set={(alpha) => set({ alpha })} />
        )}
        <NumberField
          label="epochs"
          value={input.epochs}
          step={0.5}
          disabled={off}
          set={(epochs) => set({ epochs })}
        />
        <label>
          steps (instead of epochs){' '}
          <input
            aria-label="fine-tuning steps"
            type="number"
            min={1}
            value={steps}
            disabled={off}
            onChange={(e) => setSteps(e.target.value === '' ? '' : Number(e.target.value))}
          />
        </label>
        <NumberField
          label="learning rate"
          value={input.lr}
          step={1e-4}
          disabled={off}
          set={(lr) => set({ lr })}
        />
        <NumberField
          label="evaluate every"
          value={input.evalInterval}
          disabled={off}
          set={(evalInterval) => set({ evalInterval })}
        />
      </div>
      <div className="ft-row">
        <button type="button" disabled={!ready || off} onClick={start}>
          Fine-tune
        </button>
        <button type="button" disabled={!off} onClick={() => run('finetuneStop', {})}>
          Stop
        </button>
        {!ready && <span className="muted">needs a base model and instructions first</span>}
        {job.busy && job.progress?.total && (
          <span aria-busy="true">
            <progress max={job.progress.total} value={job.progress.done} /> step {job.progress.done} of{' '}
            {job.progress.total}
          </span>
        )}
      </div>
      {job.error && <p className="error">{job.error}</p>}
      <LossChart points={curve} total={job.progress?.total ?? result?.steps} />
      {result && (
        <>
          <p>
            {result.outcome === 'early-stopped'
              ? 'Stopped early (validation loss stopped improving)'
              : result.outcome === 'stopped'
                ? 'Stopped'
                : 'Done'}{' '}
            after {result.steps} steps in {result.seconds.toFixed(0)} s, training{' '}
            {result.trainable.toLocaleString('en-US')} numbers.
          </p>
          <HeldOutLoss result={result} />
        </>
      )}
    </section>
  );
}
