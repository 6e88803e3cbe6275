// The loss of one prediction, made live: slide p, the probability the model gave the true next
// token, and read −ln p. The two fixed points of the explainer are spelt out: p = 0.8 costs 0.22,
// p = 1 costs nothing, and the cost grows without bound as p falls to 0.

import { tokenLoss } from '@glassbox/model/train';
import { useState } from 'react';
import { Slider } from '../../components/Slider';

export function WorkedExample() {
  const [p, setP] = useState(0.8);
  return (
    <div className="widget" data-testid="worked-example">
      <p className="formula">loss = −ln p(true next token)</p>
      <ul>
        <li>
          p = 0.8 → −ln 0.8 = <strong>{tokenLoss(0.8).toFixed(2)}</strong>: a confident, correct guess costs
          little.
        </li>
        <li>
          p = 1 → −ln 1 = <strong>{Math.abs(tokenLoss(1)).toFixed(0)}</strong>: certainty about the right
          token costs nothing.
        </li>
        <li>
          p = 0.01 → −ln 0.01 = <strong>{tokenLoss(0.01).toFixed(2)}</strong>: being sure of the wrong thing
          is expensive.
        </li>
      </ul>
      <Slider name="probability" caption="Try p =" value={p} min={0.01} max={1} step={0.01} onChange={setP}>
        {' '}
        → loss <strong data-testid="worked-loss">{Math.abs(tokenLoss(p)).toFixed(2)}</strong>
      </Slider>
    </div>
  );
}
