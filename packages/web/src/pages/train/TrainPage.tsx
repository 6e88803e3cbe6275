// The Train page: pick the data and a model size, then start, pause, resume or stop a
// pretraining run that happens in the worker; watch the loss fall towards and below the
// uniform-guess line, samples improve, and save or load the checkpoint.

import { LossChart } from '../../components/LossChart';
import { useRemembered } from '../../components/remembered';
import '../../components/explorer.css';
import { CheckpointPanel } from './CheckpointPanel';
import { type CorpusChoice, CorpusPicker, toCorpusSpec } from './CorpusPicker';
import { LoraPanel } from './LoraPanel';
import { PRESETS, withSteps } from './presets';
import { RunProgress } from './RunProgress';
import { controlTraining, resumeTraining, startTraining, useRun } from './run-store';
import { Samples } from './Samples';
import { StepProfileBar } from './StepProfileBar';

interface Form {
  corpus: CorpusChoice;
  preset: string;
  steps: number;
  seed: number;
}

const INITIAL_FORM: Form = {
  corpus: { kind: 'toy', name: '', text: '', tokenizer: 'word' },
  preset: 'tiny',
  steps: 300,
  seed: 1337,
};

export default function TrainPage() {
  const [form, setForm] = useRemembered('train.form', INITIAL_FORM);
  const state = useRun('main');
  const preset = PRESETS.find((p) => p.id === form.preset) ?? PRESETS[0];
  const busy = state.status === 'preparing' || state.status === 'training';
  const start = () =>
    startTraining({
      slot: 'main',
      corpus: toCorpusSpec(form.corpus),
      tokenizer: form.corpus.tokenizer,
      model: preset.model,
      train: withSteps(preset, form.steps),
      modelSeed: form.seed,
    });
  const canResume = state.status === 'paused' && state.model?.resumable;

  return (
    <section>
      <h1>Train</h1>
      <p>
        Pretraining is next-token prediction: show the model a window of text, let it give every possible next
        token a probability, and nudge all its numbers so the true next token gets a little more. The loss is
        −ln of that probability, averaged. A model that guesses uniformly has loss ln(vocabulary size), the
        grey line; learning is the curve falling below it.
      </p>
      <div className="columns">
        <CorpusPicker value={form.corpus} onChange={(corpus) => setForm({ ...form, corpus })} />
        <fieldset>
          <legend>Model</legend>
          <label>
            Size{' '}
            <select
              aria-label="model size"
              value={form.preset}
              onChange={(e) => {
                const p = PRESETS.find((x) => x.id === e.target.value)!;
                setForm({ ...form, preset: p.id, steps: p.train.maxSteps ?? form.steps });
              }}
            >
              {PRESETS.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Steps{' '}
            <input
              aria-label="steps"
              type="number"
              min={1}
              max={100000}
              value={form.steps}
              onChange={(e) =>
                setForm({ ...form, steps: Math.max(1, Math.round(Number(e.target.value)) || 1) })
              }
            />
          </label>
          <label>
            Seed{' '}
            <input
              aria-label="seed"
              type="number"
              value={form.seed}
              onChange={(e) => setForm({ ...form, seed: Math.round(Number(e.target.value)) || 0 })}
            />
          </label>
          <p className="muted">
            batch {preset.train.batchSize} × block {preset.model.blockSize} tokens per step, learning rate{' '}
            {preset.train.lr} → {preset.train.minLr} (cosine), AdamW.
          </p>
        </fieldset>
      </div>
      <div className="controls">
        <button type="button" onClick={start} disabled={busy}>
          Start training
        </button>
        <button
          type="button"
          onClick={() => controlTraining('main', 'pause')}
          disabled={state.status !== 'training'}
        >
          Pause
        </button>
        <button
          type="button"
          onClick={() =>
            resumeTraining('main', state.model?.needsCorpus ? toCorpusSpec(form.corpus) : undefined)
          }
          disabled={!canResume}
        >
          Resume
        </button>
        <button
          type="button"
          onClick={() => controlTraining('main', 'stop')}
          disabled={state.status !== 'training'}
        >
          Stop
        </button>
      </div>
      {state.model?.needsCorpus && canResume && (
        <p className="muted">
          This checkpoint was trained on a text of its own: Resume continues on the text chosen above.
        </p>
      )}
      {state.error && (
        <p role="alert" className="error" data-testid="train-error">
          {state.error}
        </p>
      )}
      <RunProgress run={state} />
      {state.profile && <StepProfileBar profile={state.profile} />}
      <LossChart steps={state.steps} evals={state.evals} vocabSize={state.model?.config.vocabSize} />
      {state.model && (
        <p className="muted" data-testid="model-summary">
          Model: {state.model.config.nLayer} layers, {state.model.config.nHead} heads,{' '}
          {state.model.config.nEmbd} wide, block {state.model.config.blockSize}, vocabulary{' '}
          {state.model.config.vocabSize} ({state.model.tokenizerKind} tokens),{' '}
          {state.model.parameters.toLocaleString('en-US')} parameters (
          {((state.model.parameters * 4) / 2 ** 20).toFixed(0)} MiB of float32 weights
          {state.model.loaded &&
            `, loaded in ${state.model.loaded.seconds.toFixed(1)} s from a ${state.model.loaded.fileMiB.toFixed(0)} MiB ${state.model.loaded.dtypes} file`}
          ), running on {state.model.threads === 1 ? '1 thread' : `${state.model.threads} threads`}. Try it on
          the <a href="#/autocomplete">Autocomplete</a>, <a href="#/loss">Loss</a> and{' '}
          <a href="#/inside">Inside</a> pages.
        </p>
      )}
      <Samples samples={state.samples} />
      <CheckpointPanel slot="main" state={state} />
      {state.model?.loaded && <LoraPanel slot="main" model={state.model} />}
    </section>
  );
}
