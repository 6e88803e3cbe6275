// `glassbox train` settings: every model and training field as a flag, read over an optional JSON
// config file and a preset (the library's recipes). Precedence: flags > config file > preset >
// defaults (the baby recipe). The names are the library's (camelCase in JSON, kebab-case as flags).

import { GlassboxError } from '@glassbox/model';
import type { GPTConfig } from '@glassbox/model/gpt';
import { isRecipeName, RECIPES, type Recipe } from '@glassbox/model/run';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '@glassbox/model/train';
import type { Command } from 'commander';

export interface RunSettings {
  /** brown, toy or tour (built in), a text file, or a `data prepare` folder of shards. */
  data: string;
  /** char (default), a tokenizer.json path, or whatever the tokenizer module accepts. */
  tokenizer: string;
  valFraction: number;
  checkpointInterval: number;
  /** Seed of the initial weights (the batch sampler's is `seed`). */
  modelSeed: number;
}

export type ModelSettings = Omit<GPTConfig, 'vocabSize'>;
export type Settings = ModelSettings & TrainConfig & RunSettings;

export const DEFAULT_SETTINGS: Settings = {
  nLayer: 4,
  nHead: 4,
  nEmbd: 128,
  blockSize: 64,
  ...DEFAULT_TRAIN_CONFIG,
  data: 'brown',
  tokenizer: 'char',
  valFraction: 0.1,
  checkpointInterval: 500,
  modelSeed: 1337,
};

/** The numeric settings of a defaults object (each becomes a flag). */
const numberKeys = (defaults: object) =>
  Object.keys(defaults).filter((k) => typeof defaults[k as keyof typeof defaults] === 'number');
const STRING_KEYS: (keyof Settings)[] = ['data', 'tokenizer'];

export const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * Adds one flag per numeric setting to a command (no defaults: an absent flag does not
 * override). `defaults` is train's settings unless a command (finetune) brings its own.
 */
export function addSettingFlags(cmd: Command, defaults: object = DEFAULT_SETTINGS): Command {
  for (const key of numberKeys(defaults))
    cmd.option(`--${kebab(key)} <n>`, `${key} (default ${defaults[key as keyof typeof defaults]})`);
  return cmd;
}

/** Settings from flags (commander's camelCase option object), validated as numbers. */
export function settingsFromFlags(
  opts: Record<string, unknown>,
  defaults: object = DEFAULT_SETTINGS,
): Partial<Settings> {
  const out: Record<string, unknown> = {};
  for (const key of numberKeys(defaults)) {
    const raw = opts[key];
    if (raw === undefined) continue;
    const n = Number(raw);
    if (raw === '' || !Number.isFinite(n))
      throw new GlassboxError(`expected a number, got "${raw}"`, `--${kebab(key)}`);
    out[key] = n;
  }
  for (const key of STRING_KEYS) if (opts[key] !== undefined) out[key] = opts[key];
  return out as Partial<Settings>;
}

/** Settings from a JSON config file's object, refusing unknown keys by name. */
export function settingsFromJSON(json: unknown, where: string): Partial<Settings> {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new GlassboxError('expected a JSON object of settings', where);
  for (const [key, value] of Object.entries(json)) {
    if (!(key in DEFAULT_SETTINGS)) {
      throw new GlassboxError(
        `unknown setting "${key}"; known: ${Object.keys(DEFAULT_SETTINGS).join(', ')}`,
        where,
      );
    }
    const want = typeof DEFAULT_SETTINGS[key as keyof Settings];
    if (typeof value !== want)
      throw new GlassboxError(`"${key}" must be a ${want}, got ${JSON.stringify(value)}`, where);
  }
  return json as Partial<Settings>;
}

/** The settings of a named recipe (tiny, small, baby, tiny-shakespeare-cpu). */
export function presetSettings(name: string | undefined): Partial<Settings> {
  if (name === undefined) return {};
  if (!isRecipeName(name))
    throw new GlassboxError(
      `unknown preset "${name}"; choose from ${Object.keys(RECIPES).join(', ')}`,
      '--preset',
    );
  const recipe: Recipe = RECIPES[name];
  const run = { tokenizer: recipe.tokenizer, valFraction: recipe.valFraction };
  const given = Object.fromEntries(Object.entries(run).filter(([, v]) => v !== undefined));
  return { ...recipe.model, ...recipe.train, ...given };
}

export function splitSettings(s: Settings): { model: ModelSettings; train: TrainConfig; run: RunSettings } {
  const {
    nLayer,
    nHead,
    nEmbd,
    blockSize,
    data,
    tokenizer,
    valFraction,
    checkpointInterval,
    modelSeed,
    ...train
  } = s;
  if (!(valFraction >= 0 && valFraction < 1))
    throw new GlassboxError(`must be in [0, 1), got ${valFraction}`, '--val-fraction');
  return {
    model: { nLayer, nHead, nEmbd, blockSize },
    train,
    run: { data, tokenizer, valFraction, checkpointInterval, modelSeed },
  };
}
