// Each input token's embedding: its row of the table wte, drawn as a strip of coloured cells
// (blue negative, red positive), the first few numbers, and the tokens whose rows point most
// the same way (cosine similarity) — what the model has learned to treat alike.

import type { Inside } from '../worker/protocol/explorer';
import { showToken } from './model-hooks';

const SHOWN = 96; // cells per strip; wider embeddings show their first 96 dimensions

export function EmbeddingRows({ inside }: { inside: Inside }) {
  const C = inside.nEmbd;
  let max = 1e-9;
  for (const v of inside.embeddings) max = Math.max(max, Math.abs(v));
  const seen = new Set<number>();
  return (
    <table data-testid="embeddings">
      <thead>
        <tr>
          <th>token</th>
          <th>id</th>
          <th>
            vector ({C} numbers{C > SHOWN ? `, first ${SHOWN} drawn` : ''})
          </th>
          <th>nearest tokens (cosine)</th>
        </tr>
      </thead>
      <tbody>
        {inside.tokens.map((t, i) => {
          if (seen.has(t.id)) return null; // one row per distinct token
          seen.add(t.id);
          const row = inside.embeddings.subarray(i * C, (i + 1) * C);
          return (
            <tr key={t.id}>
              <td className="token">{showToken(t.text)}</td>
              <td>{t.id}</td>
              <td>
                <span
                  className="strip"
                  title={`[${Array.from(row.subarray(0, 4), (v) => v.toFixed(3)).join(', ')}, …]`}
                >
                  {Array.from(row.subarray(0, SHOWN), (v, c) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: dimensions are positional
                    <span key={c} style={{ background: diverging(v / max) }} />
                  ))}
                </span>
              </td>
              <td className="token">
                {inside.neighbours[i].map((n) => `${showToken(n.text)} ${n.cosine.toFixed(2)}`).join('  ')}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A value in [−1, 1] as a colour: blue negative, red positive, paler near 0. */
export function diverging(x: number): string {
  const a = Math.min(1, Math.abs(x));
  return x < 0 ? `rgba(31, 95, 191, ${a.toFixed(2)})` : `rgba(209, 73, 91, ${a.toFixed(2)})`;
}
