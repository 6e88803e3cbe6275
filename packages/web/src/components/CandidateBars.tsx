// The next-token distribution as bars: the k most likely tokens under the model with their
// probability p and −ln p (the loss if that token came next), and beside it the probability the
// sampler would give them after temperature, top-k and top-p. Rows are buttons: click to pick.
// Computed here from the logits (a softmax over the vocabulary: cheap), so moving a slider
// redraws at once.

import {
  type Candidate,
  type SamplingOptions,
  samplingDistribution,
  softmax,
  topCandidates,
} from '@glassbox/model/gpt';
import { useMemo } from 'react';
import { showToken } from './model-hooks';

export interface CandidateBarsProps {
  logits: Float32Array;
  vocab: string[];
  sampling: SamplingOptions;
  k?: number;
  onPick?(id: number): void;
}

export function useCandidates(logits: Float32Array, sampling: SamplingOptions, k: number): Candidate[] {
  const probs = useMemo(() => softmax(logits, 1), [logits]);
  return useMemo(
    () => topCandidates(probs, k, samplingDistribution(logits, sampling)),
    [probs, logits, sampling, k],
  );
}

export function CandidateBars({ logits, vocab, sampling, k = 10, onPick }: CandidateBarsProps) {
  const top = useCandidates(logits, sampling, k);
  const maxP = Math.max(...top.map((c) => Math.max(c.p, c.pSample)), 1e-9);
  return (
    <table className="bars" data-testid="candidates">
      <thead>
        <tr>
          <th>next token</th>
          <th>p under the model (blue) and as sampled (red)</th>
          <th>p</th>
          <th>−ln p</th>
          <th>p sampled</th>
        </tr>
      </thead>
      <tbody>
        {top.map((c) => (
          <tr
            key={c.id}
            className={onPick ? 'pick' : undefined}
            onClick={onPick && (() => onPick(c.id))}
            title={onPick && 'pick this token'}
            data-token-id={c.id}
          >
            <td className="token">{showToken(vocab[c.id] ?? `[${c.id}]`)}</td>
            <td className="bar">
              <div className="fill" style={{ width: `${(100 * c.p) / maxP}%` }} />
              <div className="fill sample" style={{ width: `${(100 * c.pSample) / maxP}%` }} />
            </td>
            <td>{c.p.toFixed(3)}</td>
            <td>{c.nll.toFixed(2)}</td>
            <td>{c.pSample.toFixed(3)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
