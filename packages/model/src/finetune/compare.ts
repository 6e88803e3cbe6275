// Base versus fine-tuned: the same prompts through both models, and the loss each takes on the
// replies of held-out conversations. The base model never had the chat tokens, so it is given the
// very starting point of the fine-tune: its weights with the new rows grown as withAddedTokens
// grows them (the same input ids for both; a difference in the answers is what fine-tuning did).

import type { Kernels } from '@glassbox/core-wasm';
import { generate } from '../gpt/generate.js';
import type { GPT } from '../gpt/model.js';
import type { SamplingOptions } from '../gpt/sampling.js';
import type { Tokenizer } from '../tokenizer/types.js';
import { GlassboxError } from '../util/errors.js';
import { type Message, renderChat, requireChatTokenIds } from './chat-template.js';
import { tokenizeConversations } from './examples.js';
import { withAddedTokens } from './grow-vocab.js';
import { responseLoss } from './sft-batches.js';
import type { Conversation } from './sft-data.js';

export interface ReplyOptions extends SamplingOptions {
  /** Most tokens to generate (default: what is left of the block, at most 200). */
  maxTokens?: number;
  seed?: number;
  /** Called with each token of the reply as it is chosen (not the closing <|end|>). */
  onToken?: (id: number) => void;
}

export interface Reply {
  text: string;
  /** Tokens generated (the closing <|end|> included when it came). */
  tokens: number;
  /** Whether the model closed its reply with <|end|> (rather than running out of tokens). */
  finished: boolean;
}

/** The model's reply to a conversation (greedy unless a temperature is given). */
export function reply(
  model: GPT,
  tokenizer: Tokenizer,
  messages: readonly Message[],
  opts: ReplyOptions = {},
): Reply {
  const { end } = requireChatTokenIds(tokenizer);
  const prompt = renderChat(tokenizer, messages, { generationPrompt: true }).ids;
  const room = model.config.blockSize - prompt.length;
  if (room < 1) {
    throw new GlassboxError(
      `the conversation is ${prompt.length} tokens, which leaves no room in this model's block of ${model.config.blockSize}; shorten it`,
    );
  }
  const arena = model.kernels.arena;
  const mark = arena.mark(); // the KV cache of this reply is freed afterwards
  try {
    const ids: number[] = [];
    let finished = false;
    const { onToken, ...sampling } = opts;
    const steps = generate(model, prompt, {
      temperature: 0,
      ...sampling,
      maxTokens: opts.maxTokens ?? Math.min(room, 200),
      stopToken: end,
      candidates: 1,
    });
    for (const s of steps) {
      if (s.id === end) finished = true;
      else {
        ids.push(s.id);
        onToken?.(s.id);
      }
    }
    return { text: tokenizer.decode(ids), tokens: ids.length + (finished ? 1 : 0), finished };
  } finally {
    arena.release(mark);
  }
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
): Promise<GPT> {
  for (let id = 0; id < baseTokenizer.vocabSize; id++) {
    if (baseTokenizer.idToToken(id) !== tunedTokenizer.idToToken(id)) {
      throw new GlassboxError(
        `the two models' tokenizers differ at id ${id} (${JSON.stringify(baseTokenizer.idToToken(id))} vs ${JSON.stringify(tunedTokenizer.idToToken(id))}): TUNED was not fine-tuned from BASE`,
      );
    }
  }
  const added = [...tunedTokenizer.specialTokens.values()].filter((id) => id >= baseTokenizer.vocabSize);
  return withAddedTokens(base, added, kernels);
}

export interface ComparisonRow {
  prompt: string;
  base: Reply;
  tuned: Reply;
}

export interface Comparison {
  rows: ComparisonRow[];
  /** Mean loss on the replies of the held-out conversations, before and after (if any were given). */
  heldOut?: { base: number; tuned: number; conversations: number; tokens: number };
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
  const { examples, responseTokens } = tokenizeConversations(tokenizer, heldOut, blockSize, 'held-out data');
  return {
    rows,
    heldOut: {
      base: responseLoss(base, examples).loss,
      tuned: responseLoss(tuned, examples).loss,
      conversations: examples.length,
      tokens: responseTokens,
    },
  };
}
