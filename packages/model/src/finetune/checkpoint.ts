// A fine-tuned model as checkpoint files (bytes in, bytes out). It is an ordinary checkpoint —
// config.json, model.safetensors, tokenizer.json, optimizer.safetensors, trainer.json — so every
// tool that reads one (glassbox generate, eval, transformers) runs the tuned model as it is. With
// LoRA, model.safetensors holds the weights with the adapters merged in, and the adapters
// themselves travel beside it in PEFT's files (lora-files.ts); the optimizer moments are the
// adapters'. tokenizer_config.json (written for every checkpoint, see checkpoint/hub-files.ts)
// carries the chat template for Hugging Face's apply_chat_template.

import { type CheckpointFiles, saveCheckpoint } from '../checkpoint/checkpoint.js';
import type { GPT } from '../gpt/model.js';
import type { FineTuneRecord } from '../run/record.js';
import type { Tokenizer } from '../tokenizer/types.js';
import type { Trainer } from '../train/trainer.js';
import { CHAT_TEMPLATE_JINJA, chatTokenIds } from './chat-template.js';
import type { LoRA } from './lora.js';
import { encodeAdapter } from './lora-files.js';
import { withMergedLoRA } from './lora-merge.js';

export const TOKENIZER_CONFIG_FILE = 'tokenizer_config.json';

export interface FineTuneContents {
  model: GPT;
  tokenizer: Tokenizer;
  /** Omit for an export without resume state. */
  trainer?: Trainer;
  lora?: LoRA;
  /** How to continue the run (saved in trainer.json as `run`). */
  run?: FineTuneRecord;
}

export function saveFineTune({ model, tokenizer, trainer, lora, run }: FineTuneContents): CheckpointFiles {
  const save = () =>
    saveCheckpoint({
      model,
      tokenizer,
      optimizer: trainer?.optimizer,
      trainer: trainer ? { ...trainer.state(), run } : undefined,
      chatTemplate: chatTokenIds(tokenizer) ? CHAT_TEMPLATE_JINJA : undefined,
    });
  const files = lora ? withMergedLoRA(lora, save) : save();
  if (lora) Object.assign(files, encodeAdapter(lora));
  return files;
}
