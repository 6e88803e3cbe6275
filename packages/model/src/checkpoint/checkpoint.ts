// A checkpoint as a set of files (bytes in, bytes out — the same in Node and the browser):
//   config.json            Hugging Face GPT2Config fields (+ a "glassbox" block)
//   model.safetensors      f32 weights under transformers' GPT2LMHeadModel names
//   tokenizer.json         the Hugging Face tokenizer file
//   optimizer.safetensors  AdamW moments (resume only)
//   trainer.json           step, sampler state, history, training config (resume only)
// Loading validates everything against config.json before a weight is copied in: names, shapes,
// dtypes and vocabulary size, with a message that names the file and the problem.

import type { Kernels } from '@glassbox/core-wasm';
import { fromHuggingFaceConfig, type GPTConfig, toHuggingFaceConfig } from '../gpt/config.js';
import { GPT } from '../gpt/model.js';
import type { ParamBlock } from '../gpt/params.js';
import { tokenizerFromJSON } from '../tokenizer/load.js';
import type { Tokenizer } from '../tokenizer/types.js';
import type { AdamW } from '../train/optimizer.js';
import type { TrainerState } from '../train/trainer.js';
import { GlassboxError } from '../util/errors.js';
import { decodeSafetensors, encodeSafetensors, type NamedTensor } from './safetensors.js';
import { parseTrainerState } from './trainer-file.js';

export type CheckpointFiles = Record<string, Uint8Array>;

export const CHECKPOINT_FILES = {
  config: 'config.json',
  model: 'model.safetensors',
  tokenizer: 'tokenizer.json',
  optimizer: 'optimizer.safetensors',
  trainer: 'trainer.json',
} as const;

const PREFIX = 'transformer.';
const enc = new TextEncoder();
const dec = new TextDecoder();

export interface CheckpointContents {
  model: GPT;
  tokenizer?: Tokenizer;
  optimizer?: AdamW;
  trainer?: TrainerState;
}

export function saveCheckpoint({
  model,
  tokenizer,
  optimizer,
  trainer,
}: CheckpointContents): CheckpointFiles {
  const files: CheckpointFiles = {};
  const config = { ...toHuggingFaceConfig(model.config), glassbox: { format: 1 } };
  files[CHECKPOINT_FILES.config] = enc.encode(`${JSON.stringify(config, null, 2)}\n`);
  files[CHECKPOINT_FILES.model] = encodeSafetensors(
    blockTensors(model.params, (n) => PREFIX + n),
    { format: 'pt' },
  );
  if (tokenizer) files[CHECKPOINT_FILES.tokenizer] = enc.encode(JSON.stringify(tokenizer.toJSON()));
  if (optimizer) {
    files[CHECKPOINT_FILES.optimizer] = encodeSafetensors(
      [
        ...blockTensors(optimizer.m, (n) => `${n}.exp_avg`),
        ...blockTensors(optimizer.v, (n) => `${n}.exp_avg_sq`),
      ],
      { step: String(optimizer.step) },
    );
  }
  if (trainer) files[CHECKPOINT_FILES.trainer] = enc.encode(`${JSON.stringify(trainer)}\n`);
  return files;
}

export interface LoadOptions {
  kernels?: Kernels;
  /** Turns tokenizer.json into a Tokenizer (default: the tokenizer module's loader). */
  parseTokenizer?: (json: unknown, where?: string) => Tokenizer;
  /** Where the files came from, for messages. */
  where?: string;
}

export interface LoadedCheckpoint {
  model: GPT;
  config: GPTConfig;
  tokenizer?: Tokenizer;
  trainer?: TrainerState;
  /** The optimizer moments, to restore with restoreOptimizer once a Trainer exists. */
  optimizerTensors?: Map<string, NamedTensor>;
}

export async function loadCheckpoint(
  files: CheckpointFiles,
  opts: LoadOptions = {},
): Promise<LoadedCheckpoint> {
  const where = opts.where ?? 'checkpoint';
  const need = (name: string) => {
    const f = files[name];
    if (!f)
      throw new GlassboxError(
        `missing ${name}; a checkpoint folder holds config.json and model.safetensors`,
        where,
      );
    return f;
  };
  const config = fromHuggingFaceConfig(
    parseJSON(need(CHECKPOINT_FILES.config), `${where}/config.json`),
    `${where}/config.json`,
  );
  const weights = decodeSafetensors(need(CHECKPOINT_FILES.model), `${where}/model.safetensors`).tensors;
  const model = await GPT.create(config, { kernels: opts.kernels, skipInit: true });
  fillBlock(model.params, weights, (n) => [PREFIX + n, n], `${where}/model.safetensors`);

  let tokenizer: Tokenizer | undefined;
  if (files[CHECKPOINT_FILES.tokenizer]) {
    const parse = opts.parseTokenizer ?? tokenizerFromJSON;
    tokenizer = parse(
      parseJSON(files[CHECKPOINT_FILES.tokenizer], `${where}/tokenizer.json`),
      `${where}/tokenizer.json`,
    );
    if (tokenizer.vocabSize > config.vocabSize) {
      throw new GlassboxError(
        `tokenizer.json has ${tokenizer.vocabSize} tokens but the model's vocab_size is ${config.vocabSize}; they come from different runs`,
        where,
      );
    }
  }
  const trainer = files[CHECKPOINT_FILES.trainer]
    ? parseTrainerState(
        parseJSON(files[CHECKPOINT_FILES.trainer], `${where}/trainer.json`),
        `${where}/trainer.json`,
      )
    : undefined;
  const optimizerTensors = files[CHECKPOINT_FILES.optimizer]
    ? decodeSafetensors(files[CHECKPOINT_FILES.optimizer], `${where}/optimizer.safetensors`).tensors
    : undefined;
  return { model, config, tokenizer, trainer, optimizerTensors };
}

/** Copies saved AdamW moments into an optimizer built for the same model. */
export function restoreOptimizer(
  optimizer: AdamW,
  tensors: Map<string, NamedTensor>,
  step: number,
  where = 'optimizer.safetensors',
): void {
  fillBlock(optimizer.m, tensors, (n) => [`${n}.exp_avg`], where);
  fillBlock(optimizer.v, tensors, (n) => [`${n}.exp_avg_sq`], where);
  optimizer.step = step;
}

function blockTensors(block: ParamBlock, rename: (name: string) => string): NamedTensor[] {
  return block.specs.map((s) => ({ name: rename(s.name), shape: s.shape, data: block.get(s.name).data }));
}

/** Fills every tensor of a block from a decoded file, checking presence and shape. */
function fillBlock(
  block: ParamBlock,
  tensors: Map<string, NamedTensor>,
  candidates: (name: string) => string[],
  where: string,
): void {
  const missing: string[] = [];
  for (const s of block.specs) {
    const found = candidates(s.name)
      .map((n) => tensors.get(n))
      .find((t) => t !== undefined);
    if (!found) {
      missing.push(candidates(s.name)[0]);
      continue;
    }
    if (found.shape.join(',') !== s.shape.join(',')) {
      throw new GlassboxError(
        `tensor ${found.name} has shape [${found.shape}] but config.json implies [${s.shape}]`,
        where,
      );
    }
    block.get(s.name).data.set(found.data);
  }
  if (missing.length) {
    const list =
      missing.slice(0, 3).join(', ') + (missing.length > 3 ? `, … (${missing.length} in all)` : '');
    throw new GlassboxError(`missing tensors ${list}`, where);
  }
}

function parseJSON(bytes: Uint8Array, where: string): unknown {
  try {
    return JSON.parse(dec.decode(bytes));
  } catch (e) {
    throw new GlassboxError(`not valid JSON (${(e as Error).message})`, where);
  }
}
