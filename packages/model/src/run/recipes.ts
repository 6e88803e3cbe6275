// Recipes: a model shape and its training settings, named, the same for every front end.
//   tiny   2 layers, 2 heads, 32 wide, block 32 — seconds on a laptop core (the tour's model)
//   small  3 layers, 4 heads, 64 wide, block 64 — under a minute
//   baby   nanoGPT's shakespeare_char CPU recipe: 4 layers, 4 heads, 128 wide, block 64, batch 12,
//          2000 steps, lr 1e-3 → 1e-4 (glassbox train's default shape)
//   tiny-shakespeare-cpu   baby exactly as nanoGPT runs it (evaluations every 250 steps over 50 batches)
// Evaluations are frequent in the first three so the explorer's validation curve has points.

import type { GPTConfig } from '../gpt/config.js';
import type { TrainConfig } from '../train/config.js';

export interface Recipe {
  label: string;
  model: Omit<GPTConfig, 'vocabSize'>;
  train: Partial<TrainConfig>;
  /** Tokenizer spec the recipe expects (default char). */
  tokenizer?: string;
  valFraction?: number;
}

export const RECIPES = {
  tiny: {
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
  small: {
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
  baby: {
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
  'tiny-shakespeare-cpu': {
    label: "nanoGPT's shakespeare_char CPU recipe, evaluated as nanoGPT does",
    model: { nLayer: 4, nHead: 4, nEmbd: 128, blockSize: 64 },
    train: {
      batchSize: 12,
      gradAccum: 1,
      maxSteps: 2000,
      lr: 1e-3,
      minLr: 1e-4,
      warmupSteps: 100,
      decaySteps: 2000,
      beta2: 0.99,
      weightDecay: 0.1,
      gradClip: 1,
      evalInterval: 250,
      evalBatches: 50,
    },
    tokenizer: 'char',
    valFraction: 0.1,
  },
} satisfies Record<string, Recipe>;

export type RecipeName = keyof typeof RECIPES;

export function isRecipeName(name: string): name is RecipeName {
  return Object.hasOwn(RECIPES, name);
}

/** A recipe's training settings for another number of steps (schedule and evaluations scale with it). */
export function recipeWithSteps(recipe: Recipe, steps: number): Partial<TrainConfig> {
  const base = recipe.train.maxSteps ?? steps;
  const scale = steps / base;
  return {
    ...recipe.train,
    maxSteps: steps,
    decaySteps: steps,
    warmupSteps: Math.min(Math.round((recipe.train.warmupSteps ?? 0) * scale), Math.floor(steps / 2)),
    evalInterval: Math.max(1, Math.round((recipe.train.evalInterval ?? steps) * scale)),
  };
}
