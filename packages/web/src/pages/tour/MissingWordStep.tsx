// "the cat sat on the ___" learned one step at a time, on a real word2vec model (CBOW on the tour
// corpus, trained in the worker): its guesses for the blank before training and after one pass,
// the loss of that guess, and one training step on this one example — the probability and loss of
// "mat" and the cosine between the context and mat's vector before and after, the random "noise"
// words the step pushed away, and each vector's nudge drawn as a strip. "One more step" repeats it.
// Every number comes from @glassbox/model/word2vec (tourMissingWord, trainMissing).
// Does not handle: other sentences (the blank is the explainer's).

import type { MissingWordGuess, MissingWordStep as Step } from '@glassbox/model/word2vec';
import { useEffect, useState } from 'react';
import { diverging } from '../../components/EmbeddingRows';
import { useJob } from '../../components/use-job';
import type { TourMissingWordView } from '../../worker/protocol/tour';

const pct = (p: number) => `${(100 * p).toFixed(2)} %`;

function Guesses({ guess, label, vocabSize }: { guess: MissingWordGuess; label: string; vocabSize: number }) {
  const top = guess.guesses;
  const uniform = top.length > 1 && Math.abs(top[0].p - top[top.length - 1].p) < 1e-9;
  return (
    <li>
      <strong>{label}:</strong> {uniform && `every word equally likely, 1 in ${vocabSize} = ${pct(top[0].p)}`}
      {!uniform &&
        top.map((g, i) => (
          <span key={g.word}>
            {i > 0 && ', '}
            {g.word} {pct(g.p)}
          </span>
        ))}
      {' · '}loss −ln p(mat) = {guess.loss.toFixed(2)}
    </li>
  );
}

function Nudges({ step }: { step: Step }) {
  let max = 1e-9;
  for (const v of step.moved)
    for (let k = 0; k < v.after.length; k++) max = Math.max(max, Math.abs(v.after[k] - v.before[k]));
  return (
    <table className="nudges">
      <caption>Each vector the step changed: the change in each of its numbers (blue down, red up)</caption>
      <thead>
        <tr>
          <th scope="col">vector</th>
          <th scope="col">nudge</th>
          <th scope="col">size</th>
        </tr>
      </thead>
      <tbody>
        {step.moved.map((v) => {
          const delta = Array.from(v.after, (x, k) => x - v.before[k]);
          return (
            <tr key={`${v.kind}-${v.word}`}>
              <th scope="row">
                {v.word}{' '}
                <small>
                  {v.kind === 'input' ? '(context)' : v.word === step.target ? '(answer)' : '(noise)'}
                </small>
              </th>
              <td>
                <span className="strip">
                  {delta.map((d, k) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: dimensions are positional
                    <span key={k} style={{ background: diverging(d / max) }} />
                  ))}
                </span>
              </td>
              <td>{Math.hypot(...delta).toFixed(3)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function StepTable({ step, n }: { step: Step; n: number }) {
  const rows: [string, string, number, number, (x: number) => string][] = [
    ['p', 'probability of “mat”', step.before.p, step.after.p, pct],
    ['loss', 'loss −ln p(mat)', step.before.loss, step.after.loss, (x) => x.toFixed(3)],
    ['cosine', 'cosine(context, mat)', step.before.cosine, step.after.cosine, (x) => x.toFixed(3)],
  ];
  return (
    <table data-testid="missing-word-step" data-step={n}>
      <caption>
        Training step {n} on this one example (learning rate {step.alpha.toFixed(4)})
      </caption>
      <thead>
        <tr>
          <th scope="col" />
          <th scope="col">before the step</th>
          <th scope="col">after</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([key, label, before, after, show]) => (
          <tr key={key} data-measure={key} data-before={before} data-after={after}>
            <th scope="row">{label}</th>
            <td>{show(before)}</td>
            <td>{show(after)}</td>
          </tr>
        ))}
        {step.noise.map((w, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a noise word can be drawn twice; the draw order is the identity
          <tr key={`noise-${w}-${i}`} data-noise={w}>
            <th scope="row">noise word “{w}” (pushed away)</th>
            <td>{pct(step.noiseP.before[i])}</td>
            <td>{pct(step.noiseP.after[i])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MissingWordStep() {
  const first = useJob('tourMissingWord');
  const more = useJob('tourMissingWordStep');
  const [view, setView] = useState<TourMissingWordView>();
  const [step, setStep] = useState<{ step: Step; n: number }>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: one fresh model per visit
  useEffect(() => {
    void first.start({ seed: 1 }).then((v) => {
      if (!v) return;
      setView(v);
      setStep({ step: v.step, n: 1 });
    });
  }, []);
  const error = first.error ?? more.error;
  if (error) return <p className="error">{error}</p>;
  if (!view || !step) return <p aria-busy="true">Training word vectors (CBOW) on the tour corpus…</p>;
  const blank = `${view.context.join(' ')} ___`;
  return (
    <div className="stack" data-testid="missing-word">
      <p>
        word2vec guesses the hidden word of “{blank}” from the mean of its neighbours' vectors ({view.dim}{' '}
        numbers each), scored against every word of its {view.vocabSize}-word vocabulary.
      </p>
      <ul>
        <Guesses guess={view.untrained} label="At random initialisation" vocabSize={view.vocabSize} />
        <Guesses
          guess={view.trained}
          label="After one pass over the tour corpus"
          vocabSize={view.vocabSize}
        />
      </ul>
      <StepTable step={step.step} n={step.n} />
      <Nudges step={step.step} />
      <div className="controls">
        <button
          type="button"
          disabled={more.busy}
          onClick={() =>
            void more.start({}).then((s) => {
              if (s) setStep({ step: s, n: step.n + 1 });
            })
          }
        >
          One more step
        </button>
      </div>
    </div>
  );
}
