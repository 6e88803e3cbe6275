// Temperature, top-k and top-p: how the next token is drawn from the model's distribution.
// Temperature divides the logits (below 1 sharpens, above 1 flattens, 0 = always the most
// likely); top-k keeps the k likeliest; top-p keeps the fewest whose probability reaches p.

import type { SamplingOptions } from '@glassbox/model/gpt';
import { Slider } from './Slider';

export function SamplingControls({
  value,
  onChange,
}: {
  value: SamplingOptions;
  onChange(v: SamplingOptions): void;
}) {
  const t = value.temperature ?? 1;
  return (
    <div className="controls">
      <Slider
        name="temperature"
        caption="temperature"
        value={t}
        min={0}
        max={2}
        step={0.05}
        onChange={(temperature) => onChange({ ...value, temperature })}
      />
      <label>
        top-k{' '}
        <input
          type="number"
          aria-label="top-k"
          min={0}
          style={{ width: '5rem' }}
          value={value.topK ?? 0}
          onChange={(e) =>
            onChange({ ...value, topK: Math.max(0, Math.round(Number(e.target.value))) || undefined })
          }
        />
      </label>
      <Slider
        name="top-p"
        caption="top-p"
        value={value.topP ?? 1}
        min={0.05}
        max={1}
        step={0.05}
        onChange={(topP) => onChange({ ...value, topP })}
      />
    </div>
  );
}
