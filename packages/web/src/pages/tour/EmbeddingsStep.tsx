// The tour's embeddings widget: the tour model's embedding rows for cat, dog and banana (and a
// few more), with their pairwise cosine similarity — after training on the toy corpus, where cat
// and dog fill the same slots, their vectors point more alike than cat's and banana's.

import { useEffect, useState } from 'react';
import { EmbeddingRows } from '../../components/EmbeddingRows';
import { useModel } from '../../components/model-hooks';
import { NeedModel } from '../../components/NeedModel';
import { run } from '../../worker/client';
import type { Inside } from '../../worker/protocol/explorer';

const WORDS = 'cat dog banana apple king queen';

export function EmbeddingsStep() {
  const model = useModel('tour');
  const [inside, setInside] = useState<Inside>();
  const [error, setError] = useState<string>();
  const modelKey = model && `${model.modelId}:${model.step}`; // new weights: look again
  useEffect(() => {
    if (!modelKey) return;
    run('inspect', { slot: 'tour', text: WORDS }).then(setInside, (e: Error) => setError(e.message));
  }, [modelKey]);
  if (!model) return <NeedModel slot="tour" />;
  if (error) return <p className="error">{error}</p>;
  if (!inside) return <p aria-busy="true">Reading the embeddings…</p>;
  const words = inside.tokens.map((t, i) => ({ ...t, i })).filter((t) => t.text.trim() !== '');
  const C = inside.nEmbd;
  const row = (i: number) => inside.embeddings.subarray(i * C, (i + 1) * C);
  return (
    <div className="stack">
      <table data-testid="similarity">
        <thead>
          <tr>
            <th>cosine</th>
            {words.map((w) => (
              <th key={w.i}>{w.text}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {words.map((a) => (
            <tr key={a.i}>
              <th>{a.text}</th>
              {words.map((b) => (
                <td key={b.i}>{cosine(row(a.i), row(b.i)).toFixed(2)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <EmbeddingRows inside={{ ...inside }} />
    </div>
  );
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / (Math.sqrt(na * nb) || 1);
}
