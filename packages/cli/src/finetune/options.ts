// `glassbox finetune` settings: the trainer's (as for train, with fine-tuning defaults: a short
// warmup, no weight decay, evaluations often enough for early stopping) plus the run's
// own — epochs, validation share, LoRA rank and alpha. Flags override a resumed run's settings;
// an absent --max-steps means "as many steps as the epochs take".

import { GlassboxError } from '@glassbox/model';
import { LINEAR_LAYERS, type LinearLayer } from '@glassbox/model/gpt';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '@glassbox/model/train';
import { settingsFromFlags } from '../train/options.js';

export interface FineTuneSettings extends TrainConfig {
  /** Passes over the training data (sets maxSteps unless it is given). */
  epochs: number;
  valFraction: number;
  checkpointInterval: number;
  rank: number;
  alpha: number;
  /** Tokens per training window; 0 = the model's block size (GPT-2: 1,024; shorter fits memory). */
  blockSize: number;
}

export const FINETUNE_DEFAULTS: FineTuneSettings = {
  ...DEFAULT_TRAIN_CONFIG,
  lr: 1e-3,
  minLr: 1e-4,
  warmupSteps: 20,
  weightDecay: 0,
  evalInterval: 50,
  evalBatches: 10,
  earlyStopPatience: 4,
  epochs: 4,
  valFraction: 0.1,
  checkpointInterval: 200,
  rank: 8,
  alpha: 16,
  blockSize: 0,
};

/** LoRA trains far fewer numbers from a zero update: it wants a larger step. */
export const LORA_LR = { lr: 3e-3, minLr: 3e-4 };

export interface FineTuneFlags extends Record<string, unknown> {
  threads?: string;
  data?: string;
  out?: string;
  resume?: string;
  lora?: boolean;
  loraTargets?: string;
  pack?: boolean;
  keepOptimizer?: boolean;
  maxSteps?: string;
  decaySteps?: string;
}

/** Numeric settings from flags: the defaults, then what a resumed run saved, then the flags. */
export function fineTuneSettings(
  flags: FineTuneFlags,
  saved: Partial<FineTuneSettings> = {},
): FineTuneSettings {
  const fromFlags = settingsFromFlags(flags, FINETUNE_DEFAULTS) as Partial<FineTuneSettings>;
  const loraLr = flags.lora && !saved.lr ? LORA_LR : {};
  const s = { ...FINETUNE_DEFAULTS, ...loraLr, ...saved, ...fromFlags };
  if (!(s.epochs > 0)) throw new GlassboxError(`must be a number > 0, got ${s.epochs}`, '--epochs');
  if (!Number.isInteger(s.blockSize) || s.blockSize < 0)
    throw new GlassboxError(
      `must be a whole number (0 = the model's block size), got ${s.blockSize}`,
      '--block-size',
    );
  if (!(s.valFraction >= 0 && s.valFraction < 1))
    throw new GlassboxError(`must be in [0, 1), got ${s.valFraction}`, '--val-fraction');
  return s;
}

/** The LoRA target layers from a comma-separated flag (default: all four). */
export function loraTargets(flag: string | undefined): LinearLayer[] {
  if (!flag) return [...LINEAR_LAYERS];
  const names = flag.split(',').map((s) => s.trim());
  const bad = names.filter((n) => !LINEAR_LAYERS.includes(n as LinearLayer));
  if (bad.length)
    throw new GlassboxError(
      `unknown layer ${bad.join(', ')}; choose from ${LINEAR_LAYERS.join(', ')}`,
      '--lora-targets',
    );
  return names as LinearLayer[];
}

/** Tokens per training window: --block-size when given (at most the model's), else the model's. */
export function windowOf(s: FineTuneSettings, modelBlock: number): number {
  if (s.blockSize > modelBlock)
    throw new GlassboxError(
      `is ${s.blockSize}, longer than the model's context of ${modelBlock} tokens`,
      '--block-size',
    );
  return s.blockSize || modelBlock;
}

/** The trainer's config out of the settings; maxSteps (and the decay) from `stepsForEpochs` unless given. */
export function trainConfigOf(
  s: FineTuneSettings,
  flags: FineTuneFlags,
  stepsForEpochs: number,
): TrainConfig {
  const { epochs, valFraction, checkpointInterval, rank, alpha, blockSize, ...train } = s;
  const maxSteps = flags.maxSteps !== undefined ? s.maxSteps : Math.max(1, stepsForEpochs);
  const decaySteps = flags.decaySteps !== undefined ? s.decaySteps : maxSteps;
  return {
    ...train,
    maxSteps,
    decaySteps,
    warmupSteps: Math.min(train.warmupSteps, maxSteps),
    ...(blockSize ? { blockSize } : {}),
  };
}
