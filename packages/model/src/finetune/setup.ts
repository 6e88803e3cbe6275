// Getting a base model ready for supervised fine-tuning: the chat tokens added to its tokenizer
// and embedding (prepareChatModel), and conversations turned into the trainer's batch source with
// a validation split (sftData). The trainer itself is train/trainer.ts, unchanged.

import type { Kernels } from '@glassbox/core-wasm';
import type { GPT } from '../gpt/model.js';
import type { Tokenizer } from '../tokenizer/types.js';
import type { BatchData } from '../train/trainer.js';
import { CHAT_TOKEN_LIST } from './chat-template.js';
import { type Example, splitExamples, tokenizeConversations } from './examples.js';
import { withAddedTokens } from './grow-vocab.js';
import { ExampleBatches, responseLoss } from './sft-batches.js';
import type { Conversation } from './sft-data.js';
import { addSpecialTokens } from './special-tokens.js';

export interface ChatModel {
  /** A copy of the base with an embedding row for every added token. */
  model: GPT;
  tokenizer: Tokenizer;
  added: { token: string; id: number }[];
}

/**
 * The base plus the chat template's special tokens: a copy (on `kernels` if given, e.g. threaded
 * ones, else a fresh arena); the base is left as it was.
 */
export async function prepareChatModel(
  base: GPT,
  tokenizer: Tokenizer,
  kernels?: Kernels,
  /** GPT's training option for the copy: 'adapters' for LoRA (no base gradients). Default true. */
  training: boolean | 'adapters' = true,
): Promise<ChatModel> {
  const { tokenizer: chat, added } = addSpecialTokens(tokenizer, CHAT_TOKEN_LIST);
  const model = await withAddedTokens(
    base,
    added.map((a) => a.id),
    kernels,
    training,
  );
  return { model, tokenizer: chat, added };
}

export interface SftDataOptions {
  batchSize: number;
  blockSize: number;
  /** Share of the conversations held out for validation (and early stopping). */
  valFraction: number;
  /** Seed of the split and of every epoch's order. */
  seed: number;
  pack?: boolean;
  /** Evaluations use at most this many examples of each split (a fixed, seeded choice). */
  evalExamples: number;
  /** A resumed run's samplerState. */
  position?: unknown;
  /** Names the data in messages. */
  where?: string;
  /** Leave out conversations the tokenizer cannot encode instead of stopping (the built-in set). */
  skipUnencodable?: boolean;
}

export interface SftData extends BatchData {
  batches: ExampleBatches;
  train: Example[];
  val: Example[];
  /** The conversations of the validation split (for showing its prompts). */
  valConversations: Conversation[];
  /** Conversations set aside because they do not fit the block size, or cannot be encoded. */
  tooLong: number;
  unencodable: number;
  /** Reply tokens (those with a loss) in the train and validation splits. */
  responseTokens: number;
  /** Of those, how many are <unk> (the tokenizer cannot spell them: nothing to learn there). */
  unknownReplyTokens: number;
}

export function sftData(
  tokenizer: Tokenizer,
  conversations: readonly Conversation[],
  opts: SftDataOptions,
): SftData {
  const tokenized = tokenizeConversations(
    tokenizer,
    conversations,
    opts.blockSize,
    opts.where,
    opts.skipUnencodable,
  );
  const pairs = tokenized.examples.map((ex, i) => ({ ex, source: tokenized.sources[i] }));
  const split = splitExamples(pairs, opts.valFraction, opts.seed);
  const [train, val] = [split.train.map((p) => p.ex), split.val.map((p) => p.ex)];
  const batches = new ExampleBatches(train, {
    batchSize: opts.batchSize,
    blockSize: opts.blockSize,
    seed: opts.seed,
    pack: opts.pack,
    position: opts.position,
  });
  // A fixed subset for the train-split estimate; the validation split whole unless it is large.
  const subset = (xs: Example[], salt: number) =>
    xs.length <= opts.evalExamples
      ? xs
      : splitExamples(xs, opts.evalExamples / xs.length, opts.seed + salt).val;
  const evalSets = { train: subset(train, 1), val: subset(val, 2) };
  return {
    batches,
    train,
    val,
    valConversations: split.val.map((p) => p.source),
    tooLong: tokenized.tooLong,
    unencodable: tokenized.unencodable,
    responseTokens: tokenized.responseTokens,
    unknownReplyTokens: tokenized.unknownReplyTokens,
    evaluate: (model, split) => {
      const set = evalSets[split];
      return set.length ? responseLoss(model, set, opts.batchSize).loss : undefined;
    },
  };
}
