// The Embeddings page's side panels: the neighbours of the picked word, the analogy box
// (a is to b as c is to ?), and the table of selected tokens with their ids and vectors.

import type { Neighbour } from '@glassbox/model/word2vec';
import { useState } from 'react';

export function NeighbourList({ word, neighbours }: { word?: string; neighbours?: Neighbour[] }) {
  if (!word) return <p className="muted">Click a point or search a word to see its nearest neighbours.</p>;
  return (
    <div>
      <h3>Nearest to “{word}”</h3>
      <ol data-testid="neighbours">
        {neighbours?.map((n) => (
          <li key={n.id}>
            <span className="word">{n.word}</span> <span className="muted">{n.similarity.toFixed(3)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

export interface AnalogyQuery {
  a: string;
  b: string;
  c: string;
  method: 'add' | 'mul';
}

export function AnalogyBox({ onAsk, answers }: { onAsk(q: AnalogyQuery): void; answers?: Neighbour[] }) {
  const [q, setQ] = useState<AnalogyQuery>({ a: 'man', b: 'king', c: 'woman', method: 'add' });
  const field = (key: 'a' | 'b' | 'c', label: string) => (
    <input
      aria-label={label}
      value={q[key]}
      size={9}
      onChange={(e) => setQ({ ...q, [key]: e.target.value.trim() })}
    />
  );
  return (
    <form
      className="analogy"
      onSubmit={(e) => {
        e.preventDefault();
        onAsk(q);
      }}
    >
      <h3>Analogy</h3>
      <p>
        {field('a', 'analogy a')} is to {field('b', 'analogy b')} as {field('c', 'analogy c')} is to ?
      </p>
      <p>
        <select
          aria-label="analogy method"
          value={q.method}
          onChange={(e) => setQ({ ...q, method: e.target.value as 'add' | 'mul' })}
        >
          <option value="add">3CosAdd (b − a + c)</option>
          <option value="mul">3CosMul</option>
        </select>{' '}
        <button type="submit">Answer</button>
      </p>
      {answers && (
        <ol data-testid="analogy-answers">
          {answers.map((n) => (
            <li key={n.id}>
              <span className="word">{n.word}</span> <span className="muted">{n.similarity.toFixed(3)}</span>
            </li>
          ))}
        </ol>
      )}
    </form>
  );
}

export function VectorTable({ rows }: { rows: { word: string; id: number; vector: number[] }[] }) {
  if (!rows.length) return null;
  const shown = 10;
  return (
    <table className="vectors" data-testid="vector-table">
      <thead>
        <tr>
          <th>token</th>
          <th>id</th>
          <th>vector ({rows[0].vector.length} numbers)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.word}>
            <td className="word">{r.word}</td>
            <td>{r.id}</td>
            <td className="numbers">
              [
              {r.vector
                .slice(0, shown)
                .map((x) => x.toFixed(3))
                .join(', ')}
              {r.vector.length > shown ? ', …' : ''}]
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
