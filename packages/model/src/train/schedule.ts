// The learning-rate schedule of nanoGPT and GPT-3: linear warmup to the peak, cosine decay to a
// floor at decaySteps, then flat at the floor.
//   step < warmup:          lr · (step + 1) / (warmup + 1)
//   warmup ≤ step ≤ decay:  min + ½(1 + cos(π·r))·(lr − min),  r = (step − warmup)/(decay − warmup)
//   step > decay:           min

export interface ScheduleConfig {
  lr: number;
  minLr: number;
  warmupSteps: number;
  decaySteps: number;
}

export function learningRate(step: number, s: ScheduleConfig): number {
  if (step < s.warmupSteps) return (s.lr * (step + 1)) / (s.warmupSteps + 1);
  if (step > s.decaySteps) return s.minLr;
  const span = s.decaySteps - s.warmupSteps;
  const r = span > 0 ? (step - s.warmupSteps) / span : 1;
  return s.minLr + 0.5 * (1 + Math.cos(Math.PI * r)) * (s.lr - s.minLr);
}
