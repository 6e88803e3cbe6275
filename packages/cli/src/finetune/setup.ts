// Building a `glassbox finetune` run, fresh from a base checkpoint or resumed from its run folder.
// Supervised data gets the chat tokens added (tokenizer and embedding) and the reply-only loss;
// text gets continued pretraining with the base's own tokenizer. A LoRA run is rebuilt on resume
// from the base checkpoint it started from (checked by its sha256: the adapters mean nothing on
// other weights) plus the adapter files in its checkpoint; a full fine-tune from its own weights.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Kernels } from '@glassbox/core-wasm';
import { GlassboxError } from '@glassbox/model';
import { type LoadedCheckpoint, loadCheckpoint, type NamedTensor } from '@glassbox/model/checkpoint';
import {
  ADAPTER_FILES,
  ADDED_ROWS_FILE,
  baseForComparison,
  decodeAdapter,
  fineTuneTrainer,
  type LoRA,
  prepareChatModel,
  type SftData,
  sftData,
} from '@glassbox/model/finetune';
import type { GPT, LinearLayer } from '@glassbox/model/gpt';
import { corpusTokens, openCheckpointDir, resolveCheckpointDir } from '@glassbox/model/node';
import { FINETUNE_DEFAULTS, type FineTuneRecord, type FineTuneSettings } from '@glassbox/model/run';
import type { Tokenizer } from '@glassbox/model/tokenizer';
import {
  DEFAULT_TRAIN_CONFIG,
  type TrainConfig,
  type Trainer,
  type TrainerData,
} from '@glassbox/model/train';
import { kernelsFor } from '../commands/train.js';
import { settingsFromFlags } from '../train/options.js';
import { BUILTIN, type FineTuneData, fileSha256, loadFineTuneData, reopenFineTuneData } from './data.js';
import { type FineTuneFlags, fineTuneSettings, loraTargets, trainConfigOf, windowOf } from './options.js';

export interface FineTuneSetup {
  model: GPT;
  tokenizer: Tokenizer;
  trainer: Trainer;
  lora?: LoRA;
  run: FineTuneRecord;
  sft?: SftData;
  description: string;
}

/**
 * A checkpoint's model (streamed from disk; `training` as GPT's option: true to train it, 'adapters'
 * for LoRA, false to only run or copy it) and the sha256 of its weights file.
 */
async function openCheckpointFiles(
  path: string,
  kernels?: Kernels,
  training: boolean | 'adapters' = true,
): Promise<LoadedCheckpoint & { dir: string; sha: string; tokenizer: Tokenizer }> {
  const opened = await openCheckpointDir(path);
  try {
    const { dir, files } = opened;
    const loaded = await loadCheckpoint(files, { where: dir, kernels, training });
    if (!loaded.tokenizer)
      throw new GlassboxError(
        'this checkpoint has no tokenizer (tokenizer.json, or vocab.json + merges.txt)',
        dir,
      );
    return {
      ...loaded,
      tokenizer: loaded.tokenizer,
      dir: resolve(dir),
      sha: await fileSha256(files['model.safetensors']!),
    };
  } finally {
    await opened.close();
  }
}

/** Whether the run folder's checkpoint holds LoRA adapters (then its own weights are only run, not trained). */
async function isLoRARun(dir: string): Promise<boolean> {
  return existsSync(join(await resolveCheckpointDir(dir), ADAPTER_FILES.config));
}

async function readAdapterFiles(dir: string): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = {};
  for (const name of Object.values(ADAPTER_FILES)) {
    try {
      files[name] = new Uint8Array(await readFile(join(dir, name)));
    } catch {
      throw new GlassboxError(`this LoRA run's checkpoint has no ${name}; it cannot be resumed`, dir);
    }
  }
  // The trained rows of added tokens, when the run added any.
  if (existsSync(join(dir, ADDED_ROWS_FILE)))
    files[ADDED_ROWS_FILE] = new Uint8Array(await readFile(join(dir, ADDED_ROWS_FILE)));
  return files;
}

interface RunData {
  data: TrainerData;
  /** Optimizer steps that `epochs` passes over the training data take. */
  steps: number;
  sft?: SftData;
  description: string;
}

/** The trainer's data: a supervised split with the chat template, or text split by position. */
async function trainerData(
  source: FineTuneData,
  tokenizer: Tokenizer,
  T: number,
  s: FineTuneSettings,
  pack: boolean,
  position?: unknown,
): Promise<RunData> {
  if (source.kind === 'sft') {
    const sft = sftData(tokenizer, source.conversations, {
      batchSize: s.batchSize,
      blockSize: T,
      valFraction: s.valFraction,
      seed: s.seed,
      pack,
      evalExamples: s.evalBatches * s.batchSize,
      position,
      where: source.source,
      skipUnencodable: source.source === BUILTIN,
    });
    const cannot = sft.unencodable
      ? `; ${sft.unencodable} left out (characters this tokenizer never saw)`
      : '';
    const skipped = sft.tooLong ? `; ${sft.tooLong} longer than the block of ${T} tokens left out` : '';
    const unknown = sft.unknownReplyTokens
      ? `; warning: ${sft.unknownReplyTokens} reply tokens are <unk> (this tokenizer cannot spell them; a character-level or BPE base suits this data better)`
      : '';
    return {
      data: sft,
      sft,
      steps: Math.ceil((s.epochs * sft.batches.batchesInEpoch(0)) / s.gradAccum),
      description: `${source.description} → ${sft.train.length} train / ${sft.val.length} validation examples (${sft.responseTokens.toLocaleString('en-US')} reply tokens carry the loss)${skipped}${cannot}${unknown}`,
    };
  }
  const text = await corpusTokens(source.corpus, tokenizer, s.valFraction);
  return {
    data: { train: text.train, val: text.val },
    steps: Math.ceil((s.epochs * text.train.length) / (s.batchSize * T * s.gradAccum)),
    description: `continued pretraining on ${text.description}`,
  };
}

/** A new fine-tune of the checkpoint at `basePath`. */
export async function freshFineTune(basePath: string, flags: FineTuneFlags): Promise<FineTuneSetup> {
  const source = await loadFineTuneData(flags.data);
  const kernels = await kernelsFor(flags.threads);
  // Text trains the base itself; conversations train a grown copy, made on the run's kernels.
  // LoRA keeps no gradients for the base ('adapters'): what lets GPT-2 small fine-tune in memory.
  const mode = flags.lora ? 'adapters' : true;
  const base =
    source.kind === 'text'
      ? await openCheckpointFiles(basePath, kernels, mode)
      : await openCheckpointFiles(basePath, undefined, false);
  const s = fineTuneSettings(flags);
  const pack = !!flags.pack;
  let { model, tokenizer } = base;
  let trainRowsFrom: number | undefined;
  let added = '';
  if (source.kind === 'sft') {
    const chat = await prepareChatModel(base.model, base.tokenizer, kernels, mode);
    ({ model, tokenizer } = chat);
    trainRowsFrom = chat.added[0]?.id;
    if (chat.added.length)
      added = `; added ${chat.added.map((a) => `${a.token} (${a.id})`).join(' ')} to the tokenizer and the embedding`;
  }
  const d = await trainerData(source, tokenizer, windowOf(s, model.config.blockSize), s, pack);
  let optimizer: { tensors: Map<string, NamedTensor>; step: number } | undefined;
  if (flags.keepOptimizer) {
    if (source.kind === 'sft' || flags.lora) {
      throw new GlassboxError(
        'only full continued pretraining on text can keep the base run’s optimizer moments (chat tokens and LoRA change what trains)',
        '--keep-optimizer',
      );
    }
    if (!base.optimizerTensors || !base.trainer)
      throw new GlassboxError('the base checkpoint has no optimizer.safetensors to keep', '--keep-optimizer');
    optimizer = { tensors: base.optimizerTensors, step: base.trainer.step };
  }
  const lora = flags.lora
    ? { rank: s.rank, alpha: s.alpha, targets: loraTargets(flags.loraTargets), seed: s.seed, trainRowsFrom }
    : undefined;
  const config = trainConfigOf(s, flags, d.steps);
  const built = fineTuneTrainer(model, d.data, config, { lora, optimizer });
  const run: FineTuneRecord = {
    kind: 'finetune',
    mode: source.kind,
    base: { path: base.dir, sha256: base.sha },
    data: source.ref,
    settings: s,
    pack,
    lora: lora ?? null,
    optimizerStepOffset: optimizer?.step ?? 0,
  };
  return { model, tokenizer, ...built, run, sft: d.sft, description: d.description + added };
}

/** Continues the fine-tune whose run folder is `dir`, exactly where its checkpoint stopped. */
export async function resumeFineTune(dir: string, flags: FineTuneFlags): Promise<FineTuneSetup> {
  const kernels = await kernelsFor(flags.threads);
  const ck = await openCheckpointFiles(dir, kernels, !(await isLoRARun(dir)));
  const state = ck.trainer;
  const run = state?.run;
  if (!state || !ck.optimizerTensors || run?.kind !== 'finetune') {
    throw new GlassboxError(
      'not a fine-tuning run folder (a pretraining run continues with glassbox train --resume)',
      ck.dir,
    );
  }
  const source = await reopenFineTuneData(run.data);
  const s = fineTuneSettings(flags, run.settings);
  let model = ck.model;
  let adapter: Map<string, NamedTensor> | undefined;
  if (run.lora) {
    const base = await openCheckpointFiles(run.base.path, undefined, false);
    if (base.sha !== run.base.sha256) {
      throw new GlassboxError(
        'the base checkpoint changed since this LoRA run started; its adapters only fit the weights they were trained on',
        run.base.path,
      );
    }
    model = await baseForComparison(base.model, base.tokenizer, ck.tokenizer, kernels, 'adapters');
    adapter = decodeAdapter(await readAdapterFiles(ck.dir), ck.dir).tensors;
  }
  const d = await trainerData(
    source,
    ck.tokenizer,
    windowOf(s, model.config.blockSize),
    s,
    run.pack,
    state.samplerState,
  );
  const explicit = settingsFromFlags(flags, FINETUNE_DEFAULTS);
  const config = { ...state.config, ...pickTrainConfig(explicit) };
  if (flags.epochs !== undefined && flags.maxSteps === undefined) config.maxSteps = d.steps;
  if (state.step >= config.maxSteps)
    throw new GlassboxError(
      `this run has finished: it is at step ${state.step} of ${config.maxSteps}; raise --max-steps to train further`,
      ck.dir,
    );
  const built = fineTuneTrainer(model, d.data, config, {
    lora: run.lora ? { ...run.lora, targets: run.lora.targets as LinearLayer[] | undefined } : undefined,
    resume: { state, optimizer: ck.optimizerTensors, adapter },
    optimizerStepOffset: run.optimizerStepOffset,
  });
  return {
    model,
    tokenizer: ck.tokenizer,
    ...built,
    run: { ...run, settings: s },
    sft: d.sft,
    description: d.description,
  };
}

/** The TrainConfig fields of a settings object. */
function pickTrainConfig(s: Partial<FineTuneSettings>): Partial<TrainConfig> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_TRAIN_CONFIG))
    if (key in s) out[key] = s[key as keyof FineTuneSettings];
  return out as Partial<TrainConfig>;
}
