// The explainer's loss example on the tour model itself: after "the cat sat on the", the model's
// real probabilities of "mat" and "pond" and the loss −ln p each would cost, beside the uniform
// guess (−ln 1/V) a model that knows nothing pays for any word.
// Does not handle: other prompts (the Loss page's token table does).

import { useEffect, useState } from 'react';
import { useModel } from '../../components/model-hooks';
import { NeedModel } from '../../components/NeedModel';
import { run } from '../../worker/client';

const PROMPT = 'the cat sat on the ';
const WORDS = ['mat', 'pond'];

interface Row {
  word: string;
  p: number;
}

export function PondOrMat() {
  const model = useModel('tour');
  const [rows, setRows] = useState<{ rows: Row[]; V: number }>();
  const [error, setError] = useState<string>();
  const modelKey = model && `${model.modelId}:${model.step}`;
  useEffect(() => {
    if (!modelKey) return;
    Promise.all([
      run('nextToken', { slot: 'tour', prompt: PROMPT }),
      run('vocabulary', { slot: 'tour' }),
    ]).then(
      ([next, vocab]) => {
        const { logits } = next;
        let max = -Infinity;
        for (const x of logits) max = Math.max(max, x);
        let sum = 0;
        for (const x of logits) sum += Math.exp(x - max);
        const p = (id: number) => Math.exp(logits[id] - max) / sum;
        setRows({ rows: WORDS.map((word) => ({ word, p: p(vocab.indexOf(word)) })), V: logits.length });
      },
      (e: Error) => setError(e.message),
    );
  }, [modelKey]);
  if (!model) return <NeedModel slot="tour" />;
  if (error) return <p className="error">{error}</p>;
  if (!rows) return <p aria-busy="true">Asking the tour model…</p>;
  return (
    <table data-testid="pond-or-mat">
      <caption>
        “{PROMPT.trim()} ___” on the tour model (step {model.step})
      </caption>
      <thead>
        <tr>
          <th scope="col">true next word</th>
          <th scope="col">model's p</th>
          <th scope="col">loss −ln p</th>
        </tr>
      </thead>
      <tbody>
        {rows.rows.map((r) => (
          <tr key={r.word} data-word={r.word}>
            <th scope="row">{r.word}</th>
            <td>{r.p.toFixed(4)}</td>
            <td data-loss>{(-Math.log(r.p)).toFixed(2)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">uniform guess (1 in {rows.V})</th>
          <td>{(1 / rows.V).toFixed(4)}</td>
          <td>{Math.log(rows.V).toFixed(2)}</td>
        </tr>
      </tbody>
    </table>
  );
}
