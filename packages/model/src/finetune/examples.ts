// Conversations as training examples: rendered with the chat template, then shifted by one into
// (tokens, targets) the way the model is trained — targets[i] = ids[i + 1] where that token
// carries a loss (the assistant's reply), −1 everywhere else, so the prompt contributes nothing
// to the loss or the gradient. Examples longer than the block size are set aside (cutting one
// would cut off the reply it exists to teach) and counted. The validation split is a seeded
// choice of whole examples.

import type { Tokenizer } from '../tokenizer/types.js';
import { GlassboxError, isGlassboxError } from '../util/errors.js';
import { Random } from '../util/random.js';
import { renderChat } from './chat-template.js';
import type { Conversation } from './sft-data.js';

export interface Example {
  /** Input ids, (n). */
  tokens: Int32Array;
  /** Next-token ids with a loss, −1 elsewhere, (n). */
  targets: Int32Array;
}

export interface TokenizedExamples {
  examples: Example[];
  /** The conversation each example came from (same order). */
  sources: Conversation[];
  /** Conversations left out because they do not fit the block size. */
  tooLong: number;
  /** Conversations left out because the tokenizer cannot encode them (only with skipUnencodable). */
  unencodable: number;
  /** Tokens with a loss (response tokens) over all examples. */
  responseTokens: number;
  /** Reply tokens that are the tokenizer's <unk>: text its vocabulary cannot spell. */
  unknownReplyTokens: number;
}

export function toExample(tokenizer: Tokenizer, conversation: Conversation, where?: string): Example {
  const { ids, loss } = renderChat(tokenizer, conversation.messages, { where });
  const n = ids.length - 1;
  const tokens = new Int32Array(n);
  const targets = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    tokens[i] = ids[i];
    targets[i] = loss[i + 1] ? ids[i + 1] : -1;
  }
  return { tokens, targets };
}

/** Tokenizes every conversation; `where` names the data in messages ("pairs.jsonl"). */
export function tokenizeConversations(
  tokenizer: Tokenizer,
  conversations: readonly Conversation[],
  blockSize: number,
  where = 'data',
  /** Leave out conversations with text the tokenizer cannot encode (else: an error naming the first). */
  skipUnencodable = false,
): TokenizedExamples {
  const examples: Example[] = [];
  const sources: Conversation[] = [];
  let tooLong = 0;
  let unencodable = 0;
  let responseTokens = 0;
  let unknownReplyTokens = 0;
  const unk = tokenizer.specialTokens.get('<unk>');
  conversations.forEach((c, i) => {
    let ex: Example;
    try {
      ex = toExample(tokenizer, c, `${where}: conversation ${i + 1}`);
    } catch (e) {
      if (!skipUnencodable || !isGlassboxError(e)) throw e;
      unencodable++;
      return;
    }
    if (ex.tokens.length > blockSize) {
      tooLong++;
      return;
    }
    examples.push(ex);
    sources.push(c);
    for (const t of ex.targets) {
      if (t >= 0) responseTokens++;
      if (t >= 0 && t === unk) unknownReplyTokens++;
    }
  });
  if (examples.length === 0) {
    throw new GlassboxError(
      conversations.length === 0
        ? 'there are no conversations to learn from'
        : unencodable === conversations.length
          ? `this model's tokenizer cannot encode any of the ${conversations.length} conversations (characters it never saw)`
          : `all ${conversations.length - unencodable} usable conversations are longer than the model's block size (${blockSize} tokens); shorten them or start from a model with a larger block`,
      where,
    );
  }
  return { examples, sources, tooLong, unencodable, responseTokens, unknownReplyTokens };
}

/** A seeded split into train and validation (whole examples; at least one of each when asked). */
export function splitExamples<T>(
  items: readonly T[],
  valFraction: number,
  seed: number,
): { train: T[]; val: T[] } {
  if (!(valFraction >= 0 && valFraction < 1))
    throw new GlassboxError(`must be in [0, 1), got ${valFraction}`, { field: 'valFraction' });
  const order = new Random(seed).shuffle(items.map((_, i) => i));
  let nVal = Math.round(items.length * valFraction);
  if (valFraction > 0 && items.length >= 2) nVal = Math.min(Math.max(nVal, 1), items.length - 1);
  const val = order.slice(0, nVal).sort((a, b) => a - b);
  const train = order.slice(nVal).sort((a, b) => a - b);
  return { train: train.map((i) => items[i]), val: val.map((i) => items[i]) };
}
