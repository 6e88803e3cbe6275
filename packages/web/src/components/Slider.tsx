// A labelled range input showing its value: "temperature 0.80 [——o——]". The aria-label names the
// quantity for screen readers and tests.

import type { ReactNode } from 'react';

export interface SliderProps {
  name: string;
  caption: ReactNode;
  value: number;
  min: number;
  max: number;
  step: number;
  onChange(v: number): void;
  children?: ReactNode;
}

export function Slider({ name, caption, value, min, max, step, onChange, children }: SliderProps) {
  return (
    <label>
      {caption} {value.toFixed(2)}{' '}
      <input
        type="range"
        aria-label={name}
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      {children}
    </label>
  );
}
