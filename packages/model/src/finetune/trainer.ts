// A fine-tuning run on the ordinary Trainer: full fine-tuning (every weight trains) or LoRA (only
// the adapters and the added tokens' embedding rows train; the base weights are never written).
// It serves both kinds of fine-tuning: continued pretraining (data = token arrays, random
// windows) and supervised fine-tuning (data = sftData's batches). A new learning-rate schedule
// starts at step 0; the optimizer starts fresh unless moments are given (continued pretraining
// may keep the base run's; their step count then carries on, so the bias corrections stay right).

import { restoreOptimizer } from '../checkpoint/checkpoint.js';
import type { NamedTensor } from '../checkpoint/safetensors.js';
import type { GPT } from '../gpt/model.js';
import type { TrainConfig } from '../train/config.js';
import { Trainer, type TrainerData, type TrainerState } from '../train/trainer.js';
import { GlassboxError } from '../util/errors.js';
import { LoRA, type LoRAConfig } from './lora.js';

export interface FineTuneOptions {
  /** Train LoRA adapters instead of every weight. */
  lora?: LoRAConfig;
  /** Continue a run: its trainer state, optimizer moments and (LoRA) adapter tensors. */
  resume?: { state: TrainerState; optimizer: Map<string, NamedTensor>; adapter?: Map<string, NamedTensor> };
  /** Start from these optimizer moments (continued pretraining keeping the base run's AdamW state). */
  optimizer?: { tensors: Map<string, NamedTensor>; step: number };
  /** The optimizer's step count when this run began (non-zero only with kept moments). */
  optimizerStepOffset?: number;
}

export interface FineTuneRun {
  trainer: Trainer;
  lora?: LoRA;
}

export function fineTuneTrainer(
  model: GPT,
  data: TrainerData,
  config: TrainConfig,
  opts: FineTuneOptions = {},
): FineTuneRun {
  const lora = opts.lora ? new LoRA(model, opts.lora).attach() : undefined;
  if (lora && opts.resume?.adapter) loadAdapterTensors(lora, opts.resume.adapter);
  const trainer = new Trainer(model, data, config, opts.resume?.state, lora ?? model);
  const offset = opts.optimizerStepOffset ?? 0;
  if (opts.resume) {
    restoreOptimizer(trainer.optimizer, opts.resume.optimizer, opts.resume.state.step + offset);
  } else if (opts.optimizer) {
    restoreOptimizer(trainer.optimizer, opts.optimizer.tensors, opts.optimizer.step);
  }
  return { trainer, lora };
}

/** Copies saved adapter tensors (lora_A, lora_B, wte.added by name) into a LoRA's block. */
export function loadAdapterTensors(lora: LoRA, tensors: Map<string, NamedTensor>, where = 'adapter'): void {
  for (const spec of lora.params.specs) {
    const t = tensors.get(spec.name);
    if (!t) throw new GlassboxError(`missing adapter tensor ${spec.name}`, where);
    if (t.shape.join(',') !== spec.shape.join(','))
      throw new GlassboxError(
        `adapter tensor ${spec.name} has shape [${t.shape}], expected [${spec.shape}]`,
        where,
      );
    lora.params.get(spec.name).data.set(t.data);
  }
  lora.syncRows();
}
