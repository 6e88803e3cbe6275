// A pretraining run, built and continued the same way by every front end: a fresh GPT (seeded)
// and its Trainer on tokens from encodeForTraining; or a checkpoint's model, trainer state and
// optimizer moments continued exactly; and the checkpoint files of either, with the run record
// that lets another front end continue it. Reading the corpus is the caller's; checking that it is
// the same corpus the record names is here (checkCorpus).

import type { Kernels } from '@glassbox/core-wasm';
import {
  type CheckpointFiles,
  type LoadedCheckpoint,
  restoreOptimizer,
  saveCheckpoint,
} from '../checkpoint/checkpoint.js';
import type { GPTConfig } from '../gpt/config.js';
import { GPT } from '../gpt/model.js';
import type { Tokenizer } from '../tokenizer/types.js';
import { type TrainConfig, validateTrainConfig } from '../train/config.js';
import { Trainer } from '../train/trainer.js';
import { GlassboxError } from '../util/errors.js';
import type { TrainingTokens } from './corpus.js';
import { type CorpusRef, describeCorpus, isBuiltInCorpus, type PretrainRecord } from './record.js';

export interface Pretraining {
  model: GPT;
  tokenizer: Tokenizer;
  trainer: Trainer;
  record: PretrainRecord;
}

export interface PretrainOptions {
  tokens: TrainingTokens;
  /** The model's shape; its vocabulary is the tokenizer's. */
  model: Omit<GPTConfig, 'vocabSize'>;
  train: TrainConfig;
  record: Omit<PretrainRecord, 'kind'>;
  kernels?: Kernels;
}

export async function startPretraining(o: PretrainOptions): Promise<Pretraining> {
  const train = validateTrainConfig({ ...o.train });
  const model = await GPT.create(
    { ...o.model, vocabSize: o.tokens.tokenizer.vocabSize },
    { seed: o.record.modelSeed, kernels: o.kernels },
  );
  const trainer = new Trainer(model, { train: o.tokens.train, val: o.tokens.val }, train);
  return { model, tokenizer: o.tokens.tokenizer, trainer, record: { kind: 'pretrain', ...o.record } };
}

/**
 * What a checkpoint needs to continue pretraining, or a message saying why it cannot: no
 * trainer.json or optimizer moments, no tokenizer, a fine-tuning run.
 */
export function pretrainRecordOf(loaded: LoadedCheckpoint, where: string): PretrainRecord {
  if (!loaded.trainer || !loaded.optimizerTensors)
    throw new GlassboxError(
      'this checkpoint has no trainer.json/optimizer.safetensors, so it cannot be resumed',
      where,
    );
  if (!loaded.tokenizer) throw new GlassboxError('this checkpoint has no tokenizer.json', where);
  const record = loaded.trainer.run;
  if (record?.kind === 'finetune')
    throw new GlassboxError(
      'this is a fine-tuning run: continue it as a fine-tune, not as pretraining',
      where,
    );
  if (!record)
    throw new GlassboxError('trainer.json does not say what the run trained on ("run" is missing)', where);
  return record;
}

/**
 * Continues a loaded checkpoint on `tokens` (the same corpus, re-encoded with the checkpoint's
 * tokenizer). `overrides` may change the schedule (e.g. more steps), never the model.
 */
export function resumePretraining(
  loaded: LoadedCheckpoint,
  tokens: TrainingTokens,
  overrides: Partial<TrainConfig> = {},
  where = 'checkpoint',
): Pretraining {
  const record = pretrainRecordOf(loaded, where);
  const state = loaded.trainer!;
  const config = validateTrainConfig({ ...state.config, ...overrides });
  if (state.step >= config.maxSteps) {
    throw new GlassboxError(
      `this run has finished: it is at step ${state.step} of ${config.maxSteps}; raise maxSteps to train further`,
      { where, field: 'maxSteps' },
    );
  }
  const trainer = new Trainer(loaded.model, { train: tokens.train, val: tokens.val }, config, state);
  restoreOptimizer(trainer.optimizer, loaded.optimizerTensors!, state.step, `${where}/optimizer.safetensors`);
  return { model: loaded.model, tokenizer: tokens.tokenizer, trainer, record };
}

/** The checkpoint files of a run as it is now (weights, tokenizer, optimizer, trainer state + record). */
export function pretrainingCheckpoint(p: Pretraining): CheckpointFiles {
  return saveCheckpoint({
    model: p.model,
    tokenizer: p.tokenizer,
    optimizer: p.trainer.optimizer,
    trainer: { ...p.trainer.state(), run: p.record },
  });
}

/**
 * Refuses a corpus that is not the one the run trained on (unless `allowChanged`): another
 * built-in corpus, or a file whose content hash differs. A record without a hash (written before
 * hashes) can only be checked by kind.
 */
export function checkCorpus(recorded: CorpusRef, actual: CorpusRef, allowChanged = false): void {
  if (allowChanged) return;
  if (isBuiltInCorpus(recorded) || isBuiltInCorpus(actual)) {
    if (recorded.kind === actual.kind) return;
    throw new GlassboxError(
      `the run trained on ${describeCorpus(recorded)}, not on ${describeCorpus(actual)}`,
      { field: 'data' },
    );
  }
  const [want, got] = [recorded, actual] as { sha256: string }[];
  if (!want.sha256 || want.sha256 === got.sha256) return;
  throw new GlassboxError(
    `this is not the data the run trained on: its content changed since (sha256 ${got.sha256.slice(0, 12)}… instead of ${want.sha256.slice(0, 12)}…); continue on the original, or allow a changed corpus explicitly`,
    { where: describeCorpus(actual), field: 'data' },
  );
}
