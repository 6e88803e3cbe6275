// Shared by the fine-tuning tests: a tiny character-level base model, conversations from the
// built-in instruction set over a small text, and a short SFT configuration.

import { builtinInstructions, type InstructionSet } from '../../src/finetune/index.js';
import { GPT } from '../../src/gpt/index.js';
import type { Tokenizer } from '../../src/tokenizer/index.js';
import { trainChar } from '../../src/tokenizer/index.js';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../../src/train/index.js';

export const TEXT =
  'The quick brown fox jumps over the lazy dog while seven wizards quietly hex jumbled boxes. ' +
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 "?,.: the house, the water, the number, the people. ' +
  'about after again against always animal answer around because before better between little';

export const baseConfig = { blockSize: 64, nLayer: 1, nHead: 2, nEmbd: 16 };

export async function tinyBase(seed = 1): Promise<{ model: GPT; tokenizer: Tokenizer }> {
  const tokenizer = trainChar({ texts: [TEXT] });
  const model = await GPT.create({ ...baseConfig, vocabSize: tokenizer.vocabSize }, { seed });
  return { model, tokenizer };
}

export function tinySet(train = 120, test = 30): InstructionSet {
  return builtinInstructions(TEXT, { train, test, seed: 3 });
}

export const sftConfig: TrainConfig = {
  ...DEFAULT_TRAIN_CONFIG,
  batchSize: 4,
  maxSteps: 12,
  lr: 3e-3,
  minLr: 3e-4,
  warmupSteps: 2,
  decaySteps: 12,
  evalInterval: 4,
  evalBatches: 2,
  seed: 9,
};
