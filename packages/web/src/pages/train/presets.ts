// Model-size presets for training in the browser. "tiny" and "small" finish in well under a
// minute on a laptop core; "baby" is nanoGPT's shakespeare_char CPU recipe (4 layers, 4 heads,
// 128 wide, block 64, batch 12, 2000 steps, lr 1e-3 → 1e-4), the same as `glassbox train`'s
// default, and takes minutes. Evaluations are frequent so the validation curve has points.

import type { GPTConfig } from '@glassbox/model/gpt';
import type { TrainConfig } from '@glassbox/model/train';

export interface Preset {
  id: string;
  label: string;
  model: Omit<GPTConfig, 'vocabSize'>;
  train: Partial<TrainConfig>;
}

export const PRESETS: Preset[] = [
  {
    id: 'tiny',
    label: 'tiny — 2 layers, 2 heads, 32 wide, block 32 (seconds)',
    model: { nLayer: 2, nHead: 2, nEmbd: 32, blockSize: 32 },
    train: {
      batchSize: 16,
      maxSteps: 300,
      lr: 3e-3,
      minLr: 3e-4,
      warmupSteps: 20,
      decaySteps: 300,
      evalInterval: 30,
      evalBatches: 4,
    },
  },
  {
    id: 'small',
    label: 'small — 3 layers, 4 heads, 64 wide, block 64 (under a minute)',
    model: { nLayer: 3, nHead: 4, nEmbd: 64, blockSize: 64 },
    train: {
      batchSize: 12,
      maxSteps: 500,
      lr: 2e-3,
      minLr: 2e-4,
      warmupSteps: 30,
      decaySteps: 500,
      evalInterval: 50,
      evalBatches: 8,
    },
  },
  {
    id: 'baby',
    label: "baby — nanoGPT's CPU recipe: 4 layers, 4 heads, 128 wide, block 64 (minutes)",
    model: { nLayer: 4, nHead: 4, nEmbd: 128, blockSize: 64 },
    train: {
      batchSize: 12,
      maxSteps: 2000,
      lr: 1e-3,
      minLr: 1e-4,
      warmupSteps: 100,
      decaySteps: 2000,
      evalInterval: 100,
      evalBatches: 20,
    },
  },
];

/** A preset's training settings for a different number of steps (schedule and evals scale with it). */
export function withSteps(p: Preset, steps: number): Partial<TrainConfig> {
  const base = p.train.maxSteps ?? steps;
  const scale = steps / base;
  return {
    ...p.train,
    maxSteps: steps,
    decaySteps: steps,
    warmupSteps: Math.min(Math.round((p.train.warmupSteps ?? 0) * scale), Math.floor(steps / 2)),
    evalInterval: Math.max(1, Math.round((p.train.evalInterval ?? steps) * scale)),
  };
}
