// The tour's fine-tuning step, small enough to run in about a second after the tour's base model
// has trained: four questions in the tour corpus's own words, each with a short reply in a form
// the corpus never uses ("it eats fish", "he wears his crown"), and a full fine-tune of a copy of
// the base on them (chat tokens added, only the replies carry a loss, 100 steps of 8), then the
// same question asked of the base and of the tuned copy through the chat template.
//
//   <|user|>what does the cat eat ?<|end|><|assistant|>it eats fish<|end|>
//
// The base was never shown a chat: given the question it continues text; the tuned copy answers
// in the taught form and stops. Both copies live in arenas of their own and are disposed here;
// the base is left as it was.
// Does not handle: held-out questions (four examples teach a form, not a skill: the Fine-tune
// page's built-in instruction set does that), LoRA, resuming.

import type { Kernels } from '@glassbox/core-wasm';
import type { GPT } from '../gpt/model.js';
import type { Tokenizer } from '../tokenizer/types.js';
import { DEFAULT_TRAIN_CONFIG } from '../train/config.js';
import { runTraining } from '../train/loop.js';
import { baseForComparison } from './compare.js';
import { type Reply, reply } from './reply.js';
import { prepareChatModel, sftData } from './setup.js';
import { type Conversation, pairConversation } from './sft-data.js';
import { fineTuneTrainer } from './trainer.js';

/** The question the tour asks before and after fine-tuning. */
export const TOUR_QUESTION = 'what does the cat eat ?';

/** The tour fine-tune's settings: steps, batch size and peak learning rate (decaying to a tenth). */
export const TOUR_FINETUNE = { steps: 100, batchSize: 8, lr: 3e-3, maxReplyTokens: 12 } as const;

/** The tour's fine-tuning examples: every word is in the tour corpus, the replies' form is not. */
export function tourInstructions(): Conversation[] {
  return [
    pairConversation('what does the cat eat ?', 'it eats fish'),
    pairConversation('what does the dog eat ?', 'it eats fish'),
    pairConversation('what does the king wear ?', 'he wears his crown'),
    pairConversation('what does the queen wear ?', 'she wears her crown'),
  ];
}

export interface TourFineTuneOptions {
  /** Kernels for the tuned copy (default: a fresh single-threaded arena). Disposed at the end. */
  kernels?: Kernels;
  /** After every step: its number (1-based), the total and the step's loss on the replies. */
  onStep?: (step: number, total: number, loss: number) => void;
}

export interface TourFineTune {
  question: string;
  /** The base's reply to the question (the chat template, greedy). */
  before: Reply;
  /** The tuned copy's reply to the same question. */
  after: Reply;
  /** The reply loss of every step. */
  losses: number[];
  seconds: number;
}

/** Fine-tunes a copy of the tour's base model on tourInstructions() and asks both TOUR_QUESTION. */
export async function tourFineTune(
  base: GPT,
  tokenizer: Tokenizer,
  opts: TourFineTuneOptions = {},
): Promise<TourFineTune> {
  const started = performance.now();
  const { steps, batchSize, lr, maxReplyTokens } = TOUR_FINETUNE;
  const chat = await prepareChatModel(base, tokenizer, opts.kernels);
  let start: GPT | undefined;
  try {
    start = await baseForComparison(base, tokenizer, chat.tokenizer, undefined, false);
    const blockSize = chat.model.config.blockSize;
    const sft = sftData(chat.tokenizer, tourInstructions(), {
      batchSize,
      blockSize,
      valFraction: 0,
      seed: 1,
      evalExamples: batchSize,
      where: 'tour instructions',
    });
    const config = {
      ...DEFAULT_TRAIN_CONFIG,
      batchSize,
      lr,
      minLr: lr / 10,
      warmupSteps: steps / 10,
      maxSteps: steps,
      decaySteps: steps,
      weightDecay: 0,
      evalInterval: 0,
      evalBatches: 1, // one evaluation, at the last step (the trainer's rule)
    };
    const { trainer } = fineTuneTrainer(chat.model, sft, config);
    const losses: number[] = [];
    await runTraining(trainer, {
      onStep: (r) => {
        losses.push(r.loss);
        opts.onStep?.(r.step, steps, r.loss);
      },
    });
    const messages = [{ role: 'user' as const, content: TOUR_QUESTION }];
    return {
      question: TOUR_QUESTION,
      before: reply(start, chat.tokenizer, messages, { maxTokens: maxReplyTokens }),
      after: reply(chat.model, chat.tokenizer, messages, { maxTokens: maxReplyTokens }),
      losses,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    chat.model.kernels.dispose();
    start?.kernels.dispose();
  }
}
