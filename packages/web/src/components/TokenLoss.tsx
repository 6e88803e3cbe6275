// A text coloured token by token by the loss the model took on it: −ln p of each token given the
// ones before it, from green (expected, near 0) to red (surprising, at or above the uniform
// guess ln V). The first token has nothing before it and is not scored. Also the summary: mean
// loss, perplexity and bits per byte.

import type { TextLoss } from '../worker/protocol/explorer';
import { showToken } from './model-hooks';

export function lossColour(loss: number, ceiling: number): string {
  const x = Math.min(1, Math.max(0, loss / ceiling));
  return `hsl(${Math.round(120 * (1 - x))}, 70%, ${Math.round(82 - 12 * x)}%)`;
}

export function TokenLossText({ result, vocabSize }: { result: TextLoss; vocabSize: number }) {
  const ceiling = Math.log(vocabSize);
  return (
    <div className="stack">
      <p className="tokens" data-testid="token-losses">
        {result.tokens.map((t, i) => {
          const loss = i === 0 ? undefined : result.losses[i - 1];
          return (
            <span
              // biome-ignore lint/suspicious/noArrayIndexKey: tokens repeat; position is their identity
              key={i}
              className="token"
              style={{ background: loss === undefined ? '#eee' : lossColour(loss, ceiling) }}
              title={
                loss === undefined
                  ? 'first token: nothing before it to predict it from'
                  : `p = ${result.probs[i - 1].toFixed(4)}, −ln p = ${loss.toFixed(3)}`
              }
              data-loss={loss?.toFixed(4)}
            >
              {showToken(t.text)}
            </span>
          );
        })}
      </p>
      <table data-testid="loss-summary">
        <tbody>
          <tr>
            <th>mean loss (nats per token)</th>
            <td>{result.mean.toFixed(3)}</td>
            <td className="muted">the average of −ln p over the {result.losses.length} predicted tokens</td>
          </tr>
          <tr>
            <th>perplexity</th>
            <td>{result.perplexity.toFixed(2)}</td>
            <td className="muted">e^loss: as unsure as choosing among this many equally likely tokens</td>
          </tr>
          <tr>
            <th>bits per byte</th>
            <td>{result.bitsPerByte.toFixed(3)}</td>
            <td className="muted">
              loss × tokens / (ln 2 × {result.bytes} bytes): comparable across tokenizers
            </td>
          </tr>
          <tr>
            <th>uniform guess</th>
            <td>{ceiling.toFixed(3)}</td>
            <td className="muted">ln {vocabSize}: the loss of a model that has learned nothing</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
