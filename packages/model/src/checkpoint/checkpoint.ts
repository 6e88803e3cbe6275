// A checkpoint as a set of files (bytes in, bytes out — the same in Node and the browser):
//   config.json            Hugging Face GPT2Config fields (+ a "glassbox" block)
//   model.safetensors      f32 weights under transformers' GPT2LMHeadModel names
//   tokenizer.json         the Hugging Face tokenizer file
//   optimizer.safetensors  AdamW moments (resume only)
//   trainer.json           step, sampler state, history, training config (resume only)
// Loading also reads GPT-2 folders as the Hugging Face Hub publishes them (see hub.ts and
// loadCheckpoint) and streams model.safetensors from a ByteSource. It validates everything against
// config.json before a weight is copied in: names, shapes, dtypes and vocabulary size, with a
// message that names the file and the problem.

import { createKernels, type Kernels } from '@glassbox/core-wasm';
import { fromHuggingFaceConfig, type GPTConfig, toHuggingFaceConfig } from '../gpt/config.js';
import { GPT } from '../gpt/model.js';
import { firstNonFinite, type ParamBlock, type ParamSpec, paramSpecs } from '../gpt/params.js';
import { checkModelSize } from '../gpt/size.js';
import { tokenizerFromJSON } from '../tokenizer/load.js';
import type { Tokenizer } from '../tokenizer/types.js';
import type { AdamW } from '../train/optimizer.js';
import type { TrainerState } from '../train/trainer.js';
import { GlassboxError } from '../util/errors.js';
import { asSource, type ModelFolder, readWhole } from './byte-source.js';
import {
  type GenerationDefaults,
  generationDefaults,
  HUB_FILES,
  missingWeightsMessage,
  parseJSONBytes,
  readFolderTokenizer,
} from './hub.js';
import { generationConfigJSON, specialIds, tokenizerConfigJSON } from './hub-files.js';
import {
  decodeSafetensors,
  encodeSafetensors,
  floatDtype,
  type NamedTensor,
  type TensorEntry,
} from './safetensors.js';
import { openSafetensors, readTensorInto, type SafetensorsFile, tensorEquals } from './safetensors-stream.js';
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

export interface CheckpointContents {
  model: GPT;
  tokenizer?: Tokenizer;
  optimizer?: AdamW;
  trainer?: TrainerState;
  /** A Jinja chat template for tokenizer_config.json (fine-tunes with the chat tokens). */
  chatTemplate?: string;
}

export function saveCheckpoint({
  model,
  tokenizer,
  optimizer,
  trainer,
  chatTemplate,
}: CheckpointContents): CheckpointFiles {
  const files: CheckpointFiles = {};
  const json = (v: unknown) => enc.encode(`${JSON.stringify(v, null, 2)}\n`);
  const ids = specialIds(tokenizer);
  files[CHECKPOINT_FILES.config] = json({
    ...toHuggingFaceConfig(model.config),
    bos_token_id: ids.bos,
    eos_token_id: ids.eos,
    glassbox: { format: 1 },
  });
  files[HUB_FILES.generationConfig] = json(generationConfigJSON(ids));
  files[CHECKPOINT_FILES.model] = encodeSafetensors(
    blockTensors(model.params, (n) => PREFIX + n),
    { format: 'pt' },
  );
  if (tokenizer) {
    files[CHECKPOINT_FILES.tokenizer] = enc.encode(JSON.stringify(tokenizer.toJSON()));
    files[HUB_FILES.tokenizerConfig] = json(
      tokenizerConfigJSON(tokenizer, model.config.blockSize, chatTemplate),
    );
  }
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
  /**
   * Whether the model will be trained (GPT's option; default true). false allocates no gradients:
   * generation, evaluation and inspection of a big model need only its weights. 'adapters': for
   * LoRA, no gradients for the base.
   */
  training?: boolean | 'adapters';
}

/** How the weights were stored and what was skipped, for a loader to report. */
export interface WeightsInfo {
  /** Tensors per stored dtype (F32, F16, BF16, F64); all are f32 once loaded. */
  dtypes: Record<string, number>;
  /** Whether the names carried transformers' "transformer." prefix (GPT2LMHeadModel files do). */
  prefixed: boolean;
  /** Tensors present in the file but not needed: attention-mask buffers, a tied lm_head copy. */
  ignored: string[];
  /** Size of model.safetensors in bytes. */
  fileBytes: number;
}

export interface LoadedCheckpoint {
  model: GPT;
  config: GPTConfig;
  tokenizer?: Tokenizer;
  trainer?: TrainerState;
  /** The optimizer moments, to restore with restoreOptimizer once a Trainer exists. */
  optimizerTensors?: Map<string, NamedTensor>;
  /** generation_config.json (or config.json's ids): the end-of-text ids generation stops at. */
  generation: GenerationDefaults;
  weights: WeightsInfo;
}

/** Buffers transformers keeps in a GPT-2 state dict (the causal mask): present in Hub files, not weights. */
const BUFFER = /^h\.\d+\.attn\.(bias|masked_bias)$/;

/**
 * Loads a checkpoint folder: glassbox's own, or any GPT2LMHeadModel folder as the Hub publishes it
 * (names with or without "transformer.", mask buffers, F16/BF16 weights, vocab.json + merges.txt,
 * generation_config.json). model.safetensors may be a ByteSource: its tensors then stream into
 * the model's parameters one chunk at a time, with no second copy of the weights in memory.
 * Everything is validated against config.json before the model is built.
 */
export async function loadCheckpoint(files: ModelFolder, opts: LoadOptions = {}): Promise<LoadedCheckpoint> {
  const where = opts.where ?? 'checkpoint';
  const configFile = files[CHECKPOINT_FILES.config];
  if (!configFile)
    throw new GlassboxError(
      'missing config.json; a checkpoint folder holds config.json and model.safetensors',
      where,
    );
  const configJSON = parseJSONBytes(await readWhole(configFile, 'config.json'), `${where}/config.json`);
  const config = fromHuggingFaceConfig(configJSON, `${where}/config.json`);
  checkModelSize(config, {
    training: (opts.training ?? true) === true,
    shared: (opts.kernels?.threads ?? 1) > 1,
    where: `${where}/config.json`,
  });
  const modelFile = files[CHECKPOINT_FILES.model];
  if (!modelFile) throw new GlassboxError(missingWeightsMessage(files), where);
  const weightsWhere = `${where}/model.safetensors`;
  const st = await openSafetensors(asSource(modelFile, weightsWhere));
  const plan = planWeights(st, paramSpecs(config), weightsWhere, config.nLayer);

  // Everything small is read and checked before the model (and its memory) exists.
  const tokenizer = await readFolderTokenizer(files, opts.parseTokenizer ?? tokenizerFromJSON, where);
  // Either way round they come from different runs: more tokens than the model has rows cannot be
  // fed to it, and fewer leave ids the model can generate but the tokenizer cannot decode.
  if (tokenizer && tokenizer.vocabSize !== config.vocabSize) {
    throw new GlassboxError(
      `the tokenizer has ${tokenizer.vocabSize} tokens but the model's vocab_size is ${config.vocabSize}; they come from different runs`,
      where,
    );
  }
  const genFile = files[HUB_FILES.generationConfig];
  const generation = generationDefaults(
    genFile
      ? parseJSONBytes(await readWhole(genFile, 'generation_config.json'), `${where}/generation_config.json`)
      : undefined,
    configJSON,
    config.vocabSize,
    where,
  );
  const trainerFile = files[CHECKPOINT_FILES.trainer];
  const trainer = trainerFile
    ? parseTrainerState(
        parseJSONBytes(await readWhole(trainerFile, 'trainer.json'), `${where}/trainer.json`),
        `${where}/trainer.json`,
      )
    : undefined;
  const optimizerFile = files[CHECKPOINT_FILES.optimizer];
  const optimizerTensors = optimizerFile
    ? decodeSafetensors(
        await readWhole(optimizerFile, 'optimizer.safetensors', 2 ** 32),
        `${where}/optimizer.safetensors`,
      ).tensors
    : undefined;

  const kernels = opts.kernels ?? (await createKernels());
  try {
    const model = await GPT.create(config, { kernels, skipInit: true, training: opts.training ?? true });
    for (const { entry, param } of plan.reads) await readTensorInto(st, entry, model.params.get(param));
    // NaN or infinite weights (a diverged run) would only give nonsense later: refuse them by name.
    const bad = firstNonFinite(model.params);
    if (bad)
      throw new GlassboxError(
        `tensor ${plan.reads.find((r) => r.param === bad.name)?.entry.name ?? bad.name} holds ${bad.value}: the weights are not finite numbers (saved by a diverged training run?)`,
        weightsWhere,
      );
    if (plan.lmHead && !(await tensorEquals(st, plan.lmHead, () => model.params.get('wte.weight').data))) {
      throw new GlassboxError(
        'lm_head.weight differs from wte.weight: this model has an untied output head, which glassbox does not run',
        weightsWhere,
      );
    }
    return {
      model,
      config,
      tokenizer,
      trainer,
      optimizerTensors,
      generation,
      weights: plan.info(st.source.size),
    };
  } catch (e) {
    // The parameters live in the arena for good: only kernels made here can be let go.
    if (!opts.kernels) kernels.dispose();
    throw e;
  }
}

/** Which file tensor fills which parameter, checked for presence, shape and dtype before any read. */
function planWeights(st: SafetensorsFile, specs: ParamSpec[], where: string, nLayer: number) {
  const byParam = new Map<string, TensorEntry>();
  const ignored: string[] = [];
  const unknown: string[] = [];
  const dtypes: Record<string, number> = {};
  const wanted = new Map(specs.map((s) => [s.name, s]));
  let lmHead: TensorEntry | undefined;
  let prefixed = false;
  for (const entry of st.tensors.values()) {
    const name = entry.name.startsWith(PREFIX) ? entry.name.slice(PREFIX.length) : entry.name;
    if (name !== entry.name) prefixed = true;
    if (entry.name === 'lm_head.weight') {
      floatDtype(entry, where);
      lmHead = entry;
      ignored.push(entry.name);
    } else if (BUFFER.test(name)) ignored.push(entry.name);
    else if (wanted.has(name)) {
      if (byParam.has(name))
        throw new GlassboxError(`tensor ${name} appears twice (with and without "transformer.")`, where);
      const spec = wanted.get(name)!;
      if (entry.shape.join(',') !== spec.shape.join(',')) {
        throw new GlassboxError(
          `tensor ${entry.name} has shape [${entry.shape}] but config.json implies [${spec.shape}]`,
          where,
        );
      }
      const dtype = floatDtype(entry, where);
      dtypes[dtype] = (dtypes[dtype] ?? 0) + 1;
      byParam.set(name, entry);
    } else unknown.push(entry.name);
  }
  const missing = specs.filter((s) => !byParam.has(s.name)).map((s) => PREFIX + s.name);
  if (missing.length) {
    const list =
      missing.slice(0, 3).join(', ') + (missing.length > 3 ? `, … (${missing.length} in all)` : '');
    throw new GlassboxError(`missing tensors ${list}`, where);
  }
  // Layers beyond config.json's n_layer: the two files disagree (never load part of a model).
  const layers = unknown
    .map((n) => Number(/^(?:transformer\.)?h\.(\d+)\./.exec(n)?.[1] ?? -1))
    .filter((l) => l >= nLayer);
  if (layers.length > 0) {
    const most = Math.max(...layers) + 1;
    throw new GlassboxError(
      `holds layers h.0 to h.${most - 1} (${most}) but config.json says n_layer ${nLayer}; the files come from different models`,
      where,
    );
  }
  if (unknown.length) {
    const list =
      unknown.slice(0, 3).join(', ') + (unknown.length > 3 ? `, … (${unknown.length} in all)` : '');
    throw new GlassboxError(
      `tensors ${list} are not part of a GPT-2 language model; glassbox cannot run this model`,
      where,
    );
  }
  const wte = byParam.get('wte.weight')!;
  if (lmHead && lmHead.shape.join(',') !== wte.shape.join(',')) {
    throw new GlassboxError(
      `lm_head.weight has shape [${lmHead.shape}], not wte's [${wte.shape}]: an untied output head, which glassbox does not run`,
      where,
    );
  }
  // Read in file order, so a disk streams forward.
  const reads = [...byParam]
    .map(([param, entry]) => ({ param, entry }))
    .sort((a, b) => a.entry.begin - b.entry.begin);
  return {
    reads,
    lmHead,
    info: (fileBytes: number): WeightsInfo => ({ dtypes, prefixed, ignored, fileBytes }),
  };
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
