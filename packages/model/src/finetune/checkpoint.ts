// A fine-tuned model as checkpoint files (bytes in, bytes out). It is an ordinary checkpoint —
// config.json, model.safetensors, tokenizer.json, optimizer.safetensors, trainer.json — so every
// tool that reads one (glassbox generate, eval, transformers) runs the tuned model as it is. With
// LoRA, model.safetensors holds the weights with the adapters merged in, and the adapters
// themselves travel beside it in PEFT's files (lora-files.ts); the optimizer moments are the
// adapters'. tokenizer_config.json carries the chat template for Hugging Face's
// apply_chat_template.

import { type CheckpointFiles, saveCheckpoint } from '../checkpoint/checkpoint.js';
import type { GPT } from '../gpt/model.js';
import type { FineTuneRecord } from '../run/record.js';
import type { Tokenizer } from '../tokenizer/types.js';
import type { Trainer } from '../train/trainer.js';
import { CHAT_TEMPLATE_JINJA, CHAT_TOKENS, chatTokenIds } from './chat-template.js';
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

/** Hugging Face tokenizer_config.json for a tokenizer with the chat tokens. */
export function tokenizerConfig(tokenizer: Tokenizer, blockSize: number): Uint8Array {
  const config = {
    tokenizer_class: 'PreTrainedTokenizerFast',
    model_max_length: blockSize,
    eos_token: CHAT_TOKENS.end,
    chat_template: CHAT_TEMPLATE_JINJA,
    additional_special_tokens: [...tokenizer.specialTokens.keys()],
  };
  return new TextEncoder().encode(`${JSON.stringify(config, null, 2)}\n`);
}

export function saveFineTune({ model, tokenizer, trainer, lora, run }: FineTuneContents): CheckpointFiles {
  const save = () =>
    saveCheckpoint({
      model,
      tokenizer,
      optimizer: trainer?.optimizer,
      trainer: trainer ? { ...trainer.state(), run } : undefined,
    });
  const files = lora ? withMergedLoRA(lora, save) : save();
  if (lora) Object.assign(files, encodeAdapter(lora));
  if (chatTokenIds(tokenizer))
    files[TOKENIZER_CONFIG_FILE] = tokenizerConfig(tokenizer, model.config.blockSize);
  return files;
}
