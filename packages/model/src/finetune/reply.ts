// A model's reply to a conversation: the conversation rendered with the chat template plus
// <|assistant|>, then tokens generated (greedy by default) until the model says <|end|> or the
// token budget runs out. generate() frees the KV cache a reply needs when it is done, so a chat
// or a comparison can ask any number of questions of one model.

import { generate } from '../gpt/generate.js';
import type { GPT } from '../gpt/model.js';
import type { SamplingOptions } from '../gpt/sampling.js';
import type { Tokenizer } from '../tokenizer/types.js';
import { GlassboxError } from '../util/errors.js';
import { type Message, renderChat, requireChatTokenIds } from './chat-template.js';

export interface ReplyOptions extends SamplingOptions {
  /** Most tokens to generate (default: what is left of the block, at most 200). */
  maxTokens?: number;
  seed?: number;
  /** Called with each token of the reply as it is chosen (not the closing <|end|>). */
  onToken?: (id: number) => void;
}

export interface Reply {
  text: string;
  /** The reply's token ids (without <|end|>): keep these in the history (Message.ids), not the text. */
  ids: number[];
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
  return { text: tokenizer.decode(ids), ids, tokens: ids.length + (finished ? 1 : 0), finished };
}
