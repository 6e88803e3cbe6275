// One head's attention as a heat map: row = the position doing the looking (query), column = the
// position looked at (key); a cell's darkness is the attention probability. Causal: nothing
// above the diagonal, each row sums to 1. A table of coloured cells, so tokens label the axes; it
// takes the width it is given (the page's), its cells square-ish, sized by the prompt's length.

import type { CSSProperties } from 'react';
import { showToken } from './model-hooks';

export function AttentionMap({ tokens, weights, T }: { tokens: string[]; weights: Float32Array; T: number }) {
  return (
    <table className="heat" data-testid="attention-map" style={{ '--T': T } as CSSProperties}>
      <caption>Darker: more attention (each row sums to 1); grey: the future, masked</caption>
      <colgroup>
        <col className="heat-labels" />
      </colgroup>
      <thead>
        <tr>
          <th />
          {tokens.map((t, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: positions are the identity here
            <th key={j}>{showToken(t)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {tokens.map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: positions are the identity here
          <tr key={i}>
            <th>{showToken(t)}</th>
            {tokens.map((_, j) => {
              const w = j <= i ? weights[i * T + j] : 0;
              return (
                <td
                  // biome-ignore lint/suspicious/noArrayIndexKey: positions are the identity here
                  key={j}
                  style={{ background: j <= i ? `rgba(31, 95, 191, ${w.toFixed(3)})` : '#f4f4f4' }}
                  title={
                    j <= i
                      ? `“${showToken(tokens[i])}” → “${showToken(tokens[j])}”: ${w.toFixed(3)}`
                      : 'future: masked'
                  }
                />
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
