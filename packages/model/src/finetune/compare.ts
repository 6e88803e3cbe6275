// Base versus fine-tuned: the same prompts through both models, and on held-out conversations the
// loss each takes on the replies and the share each answers exactly right. The base model never had the chat tokens, so it is given the
// very starting point of the fine-tune: its weights with the new rows grown as withAddedTokens
// grows them (the same input ids for both; a difference in the answers is what fine-tuning did).

import type { Kernels } from '@glassbox/core-wasm';
import type { GPTConfig } from '../gpt/config.js';
import type { GPT } from '../gpt/model.js';
import type { RunRecord } from '../run/record.js';
import type { Tokenizer } from '../tokenizer/types.js';
import { GlassboxError } from '../util/errors.js';
import type { Message } from './chat-template.js';
import { tokenizeConversations } from './examples.js';
import { withAddedTokens } from './grow-vocab.js';
import { type Reply, type ReplyOptions, reply } from './reply.js';
import { responseLoss } from './sft-batches.js';
import type { Conversation } from './sft-data.js';

/**
 * A fine-tune keeps its base's shape (it grows only the vocabulary): a difference means TUNED came
 * from another model, said here before a later step fails on a mismatched window or layer count.
 */
export function requireSameShape(base: GPTConfig, tuned: GPTConfig): void {
  for (const field of ['blockSize', 'nLayer', 'nHead', 'nEmbd'] as const) {
    if (base[field] !== tuned[field]) {
      throw new GlassboxError(
        `the two models differ in shape: ${field} is ${tuned[field]} in TUNED but ${base[field]} in BASE, and a fine-tune keeps its base's shape: TUNED was not fine-tuned from BASE`,
      );
    }
  }
}

/**
 * The fine-tune's run record names its base by the sha256 of its model.safetensors: refuses a
 * BASE whose weights are not those (a TUNED without a fine-tune record is not checked).
 */
export function requireLineage(run: RunRecord | undefined, baseSha256: string, basePath: string): void {
  if (run?.kind !== 'finetune' || run.base.sha256 === baseSha256) return;
  throw new GlassboxError(
    `TUNED was fine-tuned from ${run.base.path} (weights sha256 ${run.base.sha256.slice(0, 12)}…), not from these weights (sha256 ${baseSha256.slice(0, 12)}…); compare it with the base it came from`,
    basePath,
  );
}

/**
 * The base model as the fine-tune's starting point for `tuned`'s tokenizer (a copy, on `kernels`
 * if given): refuses tokenizers that are not the base's plus added special tokens.
 */
export async function baseForComparison(
  base: GPT,
  baseTokenizer: Tokenizer,
  tunedTokenizer: Tokenizer,
  kernels?: Kernels,
  /** GPT's training option for the copy (default true; false to only run it, 'adapters' for LoRA). */
  training: boolean | 'adapters' = true,
): Promise<GPT> {
  for (let id = 0; id < baseTokenizer.vocabSize; id++) {
    if (baseTokenizer.idToToken(id) !== tunedTokenizer.idToToken(id)) {
      throw new GlassboxError(
        `the two models' tokenizers differ at id ${id} (${JSON.stringify(baseTokenizer.idToToken(id))} vs ${JSON.stringify(tunedTokenizer.idToToken(id))}): TUNED was not fine-tuned from BASE`,
      );
    }
  }
  const added = [...tunedTokenizer.specialTokens.values()].filter((id) => id >= baseTokenizer.vocabSize);
  return withAddedTokens(base, added, kernels, training);
}

export interface ComparisonRow {
  prompt: string;
  base: Reply;
  tuned: Reply;
}

export interface Comparison {
  rows: ComparisonRow[];
  /** On the held-out conversations (if any were given), before and after. */
  heldOut?: HeldOutFigures;
}

/** Base versus tuned on held-out conversations. */
export interface HeldOutFigures {
  /** Mean loss on their replies. */
  base: number;
  tuned: number;
  /** Share answered exactly right: the greedy reply is the reference, then <|end|>. */
  exactBase: number;
  exactTuned: number;
  conversations: number;
  /** Reply tokens over all of them. */
  tokens: number;
}

/** The share of conversations whose last reply the model gives exactly (greedy, then <|end|>). */
export function exactMatchRate(
  model: GPT,
  tokenizer: Tokenizer,
  conversations: readonly Conversation[],
): number {
  let right = 0;
  for (const c of conversations) {
    const last = c.messages.map((m) => m.role).lastIndexOf('assistant');
    const expected = c.messages[last].content;
    const budget = tokenizer.encode(expected).length + 1;
    const room = model.config.blockSize - budget;
    const got = reply(model, tokenizer, c.messages.slice(0, last), {
      maxTokens: Math.max(1, Math.min(budget, room)),
    });
    if (got.finished && got.text === expected) right++;
  }
  return conversations.length ? right / conversations.length : Number.NaN;
}

/** Runs each prompt through both models and measures both on held-out conversations. */
export function compareModels(
  base: GPT,
  tuned: GPT,
  tokenizer: Tokenizer,
  prompts: readonly string[],
  heldOut: readonly Conversation[] = [],
  opts: ReplyOptions = {},
): Comparison {
  const rows = prompts.map((prompt) => {
    const messages: Message[] = [{ role: 'user', content: prompt }];
    return {
      prompt,
      base: reply(base, tokenizer, messages, opts),
      tuned: reply(tuned, tokenizer, messages, opts),
    };
  });
  if (heldOut.length === 0) return { rows };
  const blockSize = Math.min(base.config.blockSize, tuned.config.blockSize);
  const { examples, sources, responseTokens } = tokenizeConversations(
    tokenizer,
    heldOut,
    blockSize,
    'held-out data',
  );
  return {
    rows,
    heldOut: {
      base: responseLoss(base, examples).loss,
      tuned: responseLoss(tuned, examples).loss,
      exactBase: exactMatchRate(base, tokenizer, sources),
      exactTuned: exactMatchRate(tuned, tokenizer, sources),
      conversations: examples.length,
      tokens: responseTokens,
    },
  };
}
