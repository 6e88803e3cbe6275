// The Loss page: the formula made live. A sentence from the validation text is coloured token by
// token by −ln p under the model; the mean, perplexity and bits per byte sum it up; the worked
// example shows single predictions; and the training curve shows what "falling loss" means.

import { LossChart } from '../../components/LossChart';
import { LossWidget } from '../../components/LossWidget';
import '../../components/explorer.css';
import { useRun } from '../train/run-store';
import { WorkedExample } from './WorkedExample';

export default function LossPage() {
  const run = useRun('main');
  const evals = run.evals.filter((e) => e.val !== undefined);
  const first = evals[0];
  const last = evals[evals.length - 1];
  const V = run.model?.config.vocabSize;
  return (
    <section>
      <h1>Loss</h1>
      <p>
        At every position the model gives the true next token some probability p. The loss there is −ln p; the
        loss of a text is the mean over its tokens. Training lowers it by making the true tokens likelier.
      </p>
      <h2>One prediction</h2>
      <WorkedExample />
      <h2>A sentence, token by token</h2>
      <p className="muted">
        Green tokens were expected (small −ln p), red ones surprised the model. Hover a token for its p.
      </p>
      <LossWidget slot="main" />
      <h2>The training curve</h2>
      <p>
        Falling loss means the model puts more probability on what actually comes next. A loss of L means the
        true token got, on average (geometrically), p = e^−L.
        {V && first && last && first !== last && last.val !== undefined && first.val !== undefined && (
          <>
            {' '}
            This run began at validation loss {first.val.toFixed(2)} (a uniform guess over {V} tokens is ln{' '}
            {V} = {Math.log(V).toFixed(2)}, p = 1/{V}) and is now at {last.val.toFixed(2)}: the true next
            token gets p ≈ {Math.exp(-last.val).toFixed(3)}, {(Math.exp(-last.val) * V).toFixed(1)} times the
            uniform guess.
          </>
        )}
      </p>
      <LossChart steps={run.steps} evals={run.evals} vocabSize={V} height={220} />
    </section>
  );
}
