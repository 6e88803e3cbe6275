// Training settings, with nanoGPT's names where they exist and the baby CPU recipe as defaults
// (shakespeare_char on a laptop: 4 layers, 4 heads, 128 wide, block 64, batch 12, 2000 steps).

import { GlassboxError } from '../util/errors.js';

export interface TrainConfig {
  batchSize: number;
  /** Micro-batches whose gradients are summed per optimizer step. */
  gradAccum: number;
  maxSteps: number;
  lr: number;
  minLr: number;
  warmupSteps: number;
  /** Step where the cosine reaches minLr (nanoGPT's lr_decay_iters; default maxSteps). */
  decaySteps: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  gradClip: number;
  /** Evaluate every N steps (and at the end); 0 = never. */
  evalInterval: number;
  /** Batches averaged per evaluation. */
  evalBatches: number;
  /** Stop when validation loss has not improved for this many evaluations (0 = never). */
  earlyStopPatience: number;
  /** Seed of the batch sampler (the model's initial weights have their own seed). */
  seed: number;
  /**
   * Tokens per training window (default: the model's block size). Shorter windows fit a big
   * model's fine-tuning in memory: activations grow with batch × window.
   */
  blockSize?: number;
}

export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  batchSize: 12,
  gradAccum: 1,
  maxSteps: 2000,
  lr: 1e-3,
  minLr: 1e-4,
  warmupSteps: 100,
  decaySteps: 2000,
  beta1: 0.9,
  beta2: 0.99,
  eps: 1e-8,
  weightDecay: 0.1,
  gradClip: 1,
  evalInterval: 250,
  evalBatches: 20,
  earlyStopPatience: 0,
  seed: 1337,
};

export function validateTrainConfig(c: TrainConfig, where = 'training config'): TrainConfig {
  const positiveInts = ['batchSize', 'gradAccum', 'maxSteps', 'evalBatches'] as const;
  for (const key of positiveInts) {
    if (!Number.isInteger(c[key]) || c[key] < 1)
      throw new GlassboxError(`${key} must be a positive integer, got ${c[key]}`, where);
  }
  const nonNegativeInts = ['warmupSteps', 'decaySteps', 'evalInterval', 'earlyStopPatience', 'seed'] as const;
  for (const key of nonNegativeInts) {
    if (!Number.isInteger(c[key]) || c[key] < 0)
      throw new GlassboxError(`${key} must be a whole number ≥ 0, got ${c[key]}`, where);
  }
  const nonNegative = ['lr', 'minLr', 'eps', 'weightDecay', 'gradClip'] as const;
  for (const key of nonNegative) {
    if (!(c[key] >= 0) || !Number.isFinite(c[key]))
      throw new GlassboxError(`${key} must be a number ≥ 0, got ${c[key]}`, where);
  }
  for (const key of ['beta1', 'beta2'] as const) {
    if (!(c[key] >= 0 && c[key] < 1))
      throw new GlassboxError(`${key} must be in [0, 1), got ${c[key]}`, where);
  }
  if (c.blockSize !== undefined && (!Number.isInteger(c.blockSize) || c.blockSize < 1))
    throw new GlassboxError(`blockSize must be a positive integer, got ${c.blockSize}`, {
      where,
      field: 'blockSize',
    });
  if (c.minLr > c.lr) throw new GlassboxError(`minLr (${c.minLr}) is above lr (${c.lr})`, where);
  return c;
}
