// Fine-tune the loaded model on your own short text with LoRA, a few steps, in the worker: each
// step's loss is drawn as it comes (the curve should fall as the model learns the text), with the
// time per step; at the end the adapters are merged into the weights and every page runs the
// tuned model. Meant for a model loaded from files — GPT-2 itself — but any loaded model works.

import { useState } from 'react';
import { LossChart } from '../../components/LossChart';
import { run } from '../../worker/client';
import type { ModelInfo, Slot } from '../../worker/protocol/explorer';
import { adoptModel } from './run-store';

const SAMPLE =
  'The glassbox explorer runs a language model in your browser. It shows every step: the tokens, the ' +
  'embeddings, the attention of every head, and the loss of every token. Fine-tuning nudges the weights ' +
  'toward a text, and the loss on that text falls.';

export function LoraPanel({ slot, model }: { slot: Slot; model: ModelInfo }) {
  const [text, setText] = useState(SAMPLE);
  const [steps, setSteps] = useState(10);
  const [losses, setLosses] = useState<{ step: number; loss: number }[]>([]);
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const tune = async () => {
    setBusy(true);
    setError(undefined);
    setLosses([]);
    setStatus('Starting…');
    try {
      const out = await run('loraText', { slot, text, steps, blockSize: 64, batchSize: 2, rank: 8 }, (p) => {
        const loss = p.metrics?.loss ?? Number.NaN;
        setLosses((xs) => [...xs, { step: p.done, loss }]);
        setStatus(
          `step ${p.done} of ${p.total}: loss ${loss.toFixed(3)}, ${((p.metrics?.ms ?? 0) / 1000).toFixed(1)} s per step`,
        );
      });
      setStatus(
        `Done: loss ${out.losses[0].toFixed(3)} → ${out.losses[out.losses.length - 1].toFixed(3)} in ${out.losses.length} steps, ` +
          `${(out.msPerStep / 1000).toFixed(1)} s per step; the adapters are merged into the weights.`,
      );
      adoptModel(slot, out.info);
    } catch (e) {
      setError((e as Error).message);
      setStatus(undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="lora-title">
      <h2 id="lora-title">Fine-tune it on your text (LoRA)</h2>
      <p className="muted">
        Low-rank adapters (rank 8) on every attention and MLP matrix learn from random windows of 64 tokens of
        your text, two at a time, while the {model.parameters.toLocaleString('en-US')} weights stay frozen;
        then they are merged in. A few steps are enough to see the loss on the text fall.
      </p>
      <textarea
        aria-label="text to fine-tune on"
        rows={4}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="controls">
        <label>
          steps{' '}
          <input
            type="number"
            aria-label="LoRA steps"
            min={1}
            max={200}
            value={steps}
            onChange={(e) => setSteps(Math.max(1, Math.min(200, Number(e.target.value) || 1)))}
          />
        </label>
        <button type="button" onClick={tune} disabled={busy || model.running}>
          LoRA-fine-tune
        </button>
      </div>
      {status && (
        <p aria-live="polite" data-testid="lora-status">
          {status}
        </p>
      )}
      {error && (
        <p role="alert" className="error" data-testid="lora-error">
          {error}
        </p>
      )}
      {losses.length > 0 && <LossChart steps={losses} evals={[]} height={200} />}
    </section>
  );
}
