// `glassbox finetune` settings: the trainer's (as for train, with fine-tuning defaults: a short
// warmup, no weight decay, evaluations often enough for early stopping) plus the run's
// own — epochs, validation share, LoRA rank and alpha. Flags override a resumed run's settings;
// an absent --max-steps means "as many steps as the epochs take".

import { GlassboxError } from '@glassbox/model';
import { LINEAR_LAYERS, type LinearLayer } from '@glassbox/model/gpt';
import { FINETUNE_DEFAULTS, type FineTuneSettings } from '@glassbox/model/run';
import type { TrainConfig } from '@glassbox/model/train';
import { settingsFromFlags } from '../train/options.js';

/** LoRA trains far fewer numbers from a zero update: it wants a larger step. */
export const LORA_LR = { lr: 3e-3, minLr: 3e-4 };

export interface FineTuneFlags extends Record<string, unknown> {
  threads?: string;
  data?: string;
  out?: string;
  resume?: string;
  force?: boolean;
  lora?: boolean;
  loraTargets?: string;
  pack?: boolean;
  keepOptimizer?: boolean;
  maxSteps?: string;
  decaySteps?: string;
  blockSize?: string;
}

/** Numeric settings from flags: the defaults, then what a resumed run saved, then the flags. */
export function fineTuneSettings(
  flags: FineTuneFlags,
  saved: Partial<FineTuneSettings> = {},
): FineTuneSettings {
  const fromFlags = settingsFromFlags(flags, FINETUNE_DEFAULTS) as Partial<FineTuneSettings>;
  const loraLr = flags.lora && !saved.lr ? LORA_LR : {};
  const s: FineTuneSettings = { ...FINETUNE_DEFAULTS, ...loraLr, ...saved, ...fromFlags };
  if (flags.blockSize !== undefined) {
    const n = Number(flags.blockSize);
    if (!Number.isInteger(n) || n < 1)
      throw new GlassboxError(`expected a whole number ≥ 1, got "${flags.blockSize}"`, '--block-size');
    s.blockSize = n;
  }
  if (!(s.epochs > 0)) throw new GlassboxError(`must be a number > 0, got ${s.epochs}`, '--epochs');
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
  if (s.blockSize !== undefined && s.blockSize > modelBlock)
    throw new GlassboxError(
      `is ${s.blockSize}, longer than the model's context of ${modelBlock} tokens`,
      '--block-size',
    );
  return s.blockSize ?? modelBlock;
}

/** The trainer's config out of the settings; maxSteps (and the decay) from `stepsForEpochs` unless given. */
export function trainConfigOf(
  s: FineTuneSettings,
  flags: FineTuneFlags,
  stepsForEpochs: number,
): TrainConfig {
  const { epochs, valFraction, checkpointInterval, rank, alpha, ...train } = s;
  const maxSteps = flags.maxSteps !== undefined ? s.maxSteps : Math.max(1, stepsForEpochs);
  const decaySteps = flags.decaySteps !== undefined ? s.decaySteps : maxSteps;
  return { ...train, maxSteps, decaySteps, warmupSteps: Math.min(train.warmupSteps, maxSteps) };
}
