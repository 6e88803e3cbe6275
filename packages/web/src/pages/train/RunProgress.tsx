// The live line under the controls: step of total, loss, last validation loss, tokens per
// second and time left; and what the data step said.

import { formatDuration } from '../../components/model-hooks';
import type { RunState } from './run-store';

export function RunProgress({ run }: { run: RunState }) {
  const lastVal = [...run.evals].reverse().find((e) => e.val !== undefined)?.val;
  const active = run.status === 'training' || run.status === 'preparing';
  return (
    <div
      className="progress"
      data-testid="progress"
      data-status={run.status}
      data-step={run.step}
      aria-live="polite"
    >
      {run.dataMessage && <p className="muted">{run.dataMessage}</p>}
      {run.status !== 'idle' && (
        <p>
          <strong>{label(run.status)}</strong> · step {run.step}
          {run.maxSteps ? ` / ${run.maxSteps}` : ''} · loss {run.loss?.toFixed(3) ?? '—'} · validation loss{' '}
          {lastVal?.toFixed(3) ?? '—'} ·{' '}
          {run.tokensPerSecond ? Math.round(run.tokensPerSecond).toLocaleString('en-US') : '—'} tokens/s
          {active ? ` · ETA ${formatDuration(run.eta)}` : ''}
        </p>
      )}
      {run.maxSteps ? <progress max={run.maxSteps} value={run.step} /> : null}
    </div>
  );
}

function label(s: RunState['status']): string {
  return {
    idle: 'Ready',
    preparing: 'Preparing the data',
    training: 'Training',
    paused: 'Paused',
    finished: 'Finished',
    stopped: 'Stopped',
  }[s];
}
