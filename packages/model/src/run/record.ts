// The run record: what a checkpoint's trainer.json keeps (as `run`) so that any front end — the
// CLI, the explorer, a script — continues the run exactly: where the tokens came from (a built-in
// corpus, or a file named by absolute path with its content hash), how they were tokenized and
// split, and for a fine-tune, the base it started from. Written by one front end, read by any
// other, and validated when read: a record that does not parse is refused with a message naming
// trainer.json, never half-used.
//
// Records written before this contract existed (an untyped `run`) are read and converted:
// pretraining records {data, tokenizer, valFraction, …} and fine-tune records {kind: 'sft' | 'text',
// base, …}. Not handled: runs whose corpus was neither built in nor a file (they have no way back).

import { DEFAULT_TRAIN_CONFIG, type TrainConfig, validateTrainConfig } from '../train/config.js';
import { GlassboxError } from '../util/errors.js';

/**
 * The corpora glassbox ships, the same text in Node and the browser: Brown; the toy corpus (cat
 * and dog share contexts, banana does not), default settings; the tour's corpus (the toy corpus
 * with the explainer's example sentences).
 */
export type BuiltInCorpus = 'brown' | 'toy' | 'tour';

/** Whether a corpus name (a --data value) or a run record's corpus is one glassbox ships. */
export function isBuiltInCorpus(name: string): name is BuiltInCorpus;
export function isBuiltInCorpus(ref: CorpusRef): ref is { kind: BuiltInCorpus };
export function isBuiltInCorpus(c: string | CorpusRef): boolean {
  const kind = typeof c === 'string' ? c : c.kind;
  return kind === 'brown' || kind === 'toy' || kind === 'tour';
}

/** Where a run's text came from. */
export type CorpusRef =
  /** A built-in corpus. */
  | { kind: BuiltInCorpus }
  /**
   * A text file, or a `data prepare` folder of token shards. `path` is absolute when the file was
   * read from disk; a text dropped into the explorer has only its name. `sha256` is the content's
   * hash (for a shard folder: of its train and validation shards), checked when the run continues.
   */
  | { kind: 'file'; path: string; sha256: string }
  | { kind: 'shards'; path: string; sha256: string };

export interface PretrainRecord {
  kind: 'pretrain';
  corpus: CorpusRef;
  /** The tokenizer it was built with: char, word:N, bpe:N, gpt2, or a tokenizer.json path. */
  tokenizer: string;
  /** Share of the text (by position) kept for validation. */
  valFraction: number;
  /** Save every N steps (0: only at the end and on a stop). */
  checkpointInterval: number;
  /** Seed of the initial weights (the batch sampler's is the training config's `seed`). */
  modelSeed: number;
}

/** A fine-tune's own settings beside the trainer's. */
export interface FineTuneSettings extends TrainConfig {
  /** Passes over the training data (sets maxSteps unless it is given). */
  epochs: number;
  valFraction: number;
  checkpointInterval: number;
  rank: number;
  alpha: number;
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
};

export interface FineTuneRecord {
  kind: 'finetune';
  /** Supervised conversations (reply-only loss) or continued pretraining on text. */
  mode: 'sft' | 'text';
  /** The base checkpoint: its folder (absolute) and the sha256 of its model.safetensors. */
  base: { path: string; sha256: string };
  /** The data: the built-in instruction set, a conversations file, or text. */
  data: CorpusRef | { kind: 'instructions' };
  settings: FineTuneSettings;
  /** Several short examples per row (true) or one per row, padded (false). */
  pack: boolean;
  lora: { rank: number; alpha: number; targets?: string[]; seed?: number; trainRowsFrom?: number } | null;
  /** Optimizer steps the base run had taken when its moments were kept (else 0). */
  optimizerStepOffset: number;
}

export type RunRecord = PretrainRecord | FineTuneRecord;

/** How a corpus is named to a person. */
export function describeCorpus(c: CorpusRef | { kind: 'instructions' }): string {
  switch (c.kind) {
    case 'brown':
      return 'the Brown corpus (built in)';
    case 'toy':
      return 'the toy corpus (built in)';
    case 'tour':
      return "the tour's corpus (built in)";
    case 'instructions':
      return 'the built-in instruction set';
    default:
      return c.path;
  }
}

/** Validates a trainer.json `run` (converting records from before this contract). */
export function parseRunRecord(json: unknown, where = 'trainer.json'): RunRecord {
  const bad = (what: string) => new GlassboxError(`"run" ${what}`, where);
  if (!isObject(json)) throw bad('is not an object');
  if (json.kind === 'pretrain' || json.kind === 'finetune') {
    if (json.kind === 'pretrain') {
      return {
        kind: 'pretrain',
        corpus: parseCorpus(json.corpus, bad),
        tokenizer: str(json, 'tokenizer', bad),
        valFraction: fraction(json, 'valFraction', bad),
        checkpointInterval: count(json, 'checkpointInterval', bad),
        modelSeed: count(json, 'modelSeed', bad),
      };
    }
    const base = json.base;
    if (!isObject(base)) throw bad('has no base checkpoint');
    const mode = json.mode;
    if (mode !== 'sft' && mode !== 'text')
      throw bad(`mode must be "sft" or "text", got ${JSON.stringify(mode)}`);
    const data =
      isObject(json.data) && json.data.kind === 'instructions'
        ? { kind: 'instructions' as const }
        : parseCorpus(json.data, bad);
    return {
      kind: 'finetune',
      mode,
      base: { path: str(base, 'path', bad), sha256: str(base, 'sha256', bad) },
      data,
      settings: parseSettings(json.settings, where),
      pack: json.pack === true,
      lora: parseLora(json.lora, bad),
      optimizerStepOffset: count(json, 'optimizerStepOffset', bad),
    };
  }
  return legacyRecord(json, where, bad);
}

/** A record written before the contract: the CLI's and the explorer's untyped `run`. */
function legacyRecord(
  json: Record<string, unknown>,
  where: string,
  bad: (what: string) => GlassboxError,
): RunRecord {
  if (json.kind === 'sft' || json.kind === 'text') {
    const data = str(json, 'data', bad);
    return {
      kind: 'finetune',
      mode: json.kind,
      base: { path: str(json, 'base', bad), sha256: str(json, 'baseSha256', bad) },
      data:
        data === 'builtin'
          ? { kind: 'instructions' }
          : data === 'brown'
            ? { kind: 'brown' }
            : {
                kind: 'file',
                path: data,
                sha256: typeof json.dataSha256 === 'string' ? json.dataSha256 : '',
              },
      settings: parseSettings(json.settings, where),
      pack: json.pack === true,
      lora: parseLora(json.lora, bad),
      optimizerStepOffset: typeof json.optimizerStepOffset === 'number' ? json.optimizerStepOffset : 0,
    };
  }
  const data = typeof json.data === 'string' ? json.data : undefined;
  if (data === undefined) throw bad('names no training data');
  const corpus: CorpusRef =
    data === 'brown' || data === 'toy' ? { kind: data } : { kind: 'file', path: data, sha256: '' };
  return {
    kind: 'pretrain',
    corpus,
    tokenizer: typeof json.tokenizer === 'string' ? json.tokenizer : 'char',
    valFraction: typeof json.valFraction === 'number' ? json.valFraction : 0.1,
    checkpointInterval: typeof json.checkpointInterval === 'number' ? json.checkpointInterval : 0,
    modelSeed: typeof json.modelSeed === 'number' ? json.modelSeed : 1337,
  };
}

function parseCorpus(json: unknown, bad: (what: string) => GlassboxError): CorpusRef {
  if (!isObject(json)) throw bad('names no corpus');
  if (typeof json.kind === 'string' && isBuiltInCorpus(json.kind)) return { kind: json.kind };
  if (json.kind === 'file' || json.kind === 'shards')
    return { kind: json.kind, path: str(json, 'path', bad), sha256: str(json, 'sha256', bad) };
  throw bad(`corpus kind must be brown, toy, tour, file or shards, got ${JSON.stringify(json.kind)}`);
}

function parseSettings(json: unknown, where: string): FineTuneSettings {
  if (!isObject(json)) throw new GlassboxError('"run" has no fine-tuning settings', where);
  const s = { ...FINETUNE_DEFAULTS };
  for (const key of Object.keys(FINETUNE_DEFAULTS) as (keyof FineTuneSettings)[]) {
    const v = json[key];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new GlassboxError(`"run.settings.${key}" must be a number, got ${JSON.stringify(v)}`, where);
    s[key] = v;
  }
  // The training window, when the run chose one shorter than the model's (optional: TrainConfig's).
  if (typeof json.blockSize === 'number') s.blockSize = json.blockSize;
  validateTrainConfig(s, where);
  return s;
}

function parseLora(json: unknown, bad: (what: string) => GlassboxError): FineTuneRecord['lora'] {
  if (json === null || json === undefined) return null;
  if (!isObject(json) || typeof json.rank !== 'number' || typeof json.alpha !== 'number')
    throw bad('lora must be null or { rank, alpha, … }');
  const targets = Array.isArray(json.targets) ? json.targets.map(String) : undefined;
  const num = (k: string) => (typeof json[k] === 'number' ? (json[k] as number) : undefined);
  return {
    rank: json.rank,
    alpha: json.alpha,
    targets,
    seed: num('seed'),
    trainRowsFrom: num('trainRowsFrom'),
  };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function str(o: Record<string, unknown>, key: string, bad: (what: string) => GlassboxError): string {
  const v = o[key];
  if (typeof v !== 'string') throw bad(`${key} must be a string, got ${JSON.stringify(v)}`);
  return v;
}

function count(o: Record<string, unknown>, key: string, bad: (what: string) => GlassboxError): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw bad(`${key} must be a whole number ≥ 0, got ${JSON.stringify(v)}`);
  return v;
}

function fraction(o: Record<string, unknown>, key: string, bad: (what: string) => GlassboxError): number {
  const v = o[key];
  if (typeof v !== 'number' || !(v >= 0 && v < 1))
    throw bad(`${key} must be in [0, 1), got ${JSON.stringify(v)}`);
  return v;
}
