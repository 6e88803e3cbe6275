// The before/after figures of a run on its held-out conversations (never trained on): the mean
// loss on their replies and the share answered exactly right, base versus fine-tuned.

import type { RunResult } from '../../worker/protocol/finetune';

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

export function HeldOutLoss({ result }: { result: RunResult }) {
  const h = result.heldOut;
  return (
    <p data-testid="heldout-loss">
      Held-out reply loss ({h.conversations} conversations never trained on, {h.tokens} reply tokens): base{' '}
      <strong>{h.base.toFixed(3)}</strong> → fine-tuned <strong>{h.tuned.toFixed(3)}</strong>; answered
      exactly right: base <strong>{pct(h.exactBase)}</strong> → fine-tuned{' '}
      <strong>{pct(h.exactTuned)}</strong>
    </p>
  );
}
