// Worker side of the Fine-tune page, part two: the fine-tuning run (supervised, on the chosen
// instructions, every weight or LoRA) with its loss curve as progress, the held-out reply loss
// of the base and the tuned model, asking both the same prompts, and exporting the tuned model.

import { GlassboxError } from '@glassbox/model';
import {
  baseForComparison,
  type ChatModel,
  exactMatchRate,
  fineTuneTrainer,
  mergeLoRA,
  prepareChatModel,
  reply,
  responseLoss,
  saveFineTune,
  sftData,
  tokenizeConversations,
} from '@glassbox/model/finetune';
import type { Progress, ProgressFn } from '@glassbox/model/run';
import { DEFAULT_TRAIN_CONFIG, runTraining } from '@glassbox/model/train';
import { addProgress } from '../../pages/finetune/curve';
import type { AskRow, CurvePoint, FinetuneJobs, RunInput, RunResult } from '../protocol/finetune';
import { type FinetuneState, setTuned, state, trainingKernels } from './finetune-state';

export async function runFinetune(input: RunInput, progress: ProgressFn): Promise<RunResult> {
  const { base, data } = state;
  if (!base) throw new GlassboxError('there is no base model yet: pretrain one here or load a checkpoint');
  if (!data) throw new GlassboxError('choose the instructions first');
  const chat = await prepareChatModel(base.model, base.tokenizer, await trainingKernels());
  try {
    return await train(chat, base, data, input, progress);
  } catch (e) {
    chat.model.kernels.dispose(); // its threads, unless it became the tuned model
    throw e;
  }
}

/** The run itself, on the chat-ready copy of the base; the tuned model is kept on success. */
async function train(
  chat: ChatModel,
  base: NonNullable<FinetuneState['base']>,
  data: NonNullable<FinetuneState['data']>,
  input: RunInput,
  progress: ProgressFn,
): Promise<RunResult> {
  const started = performance.now();
  const blockSize = chat.model.config.blockSize;
  const sft = sftData(chat.tokenizer, data.train, {
    batchSize: input.batchSize,
    blockSize,
    valFraction: 0.1,
    seed: 1,
    pack: input.pack,
    evalExamples: 5 * input.batchSize,
    where: 'instructions',
    skipUnencodable: data.builtin,
  });
  const steps = input.maxSteps ?? Math.ceil(input.epochs * sft.batches.batchesInEpoch(0));
  const config = {
    ...DEFAULT_TRAIN_CONFIG,
    batchSize: input.batchSize,
    lr: input.lr,
    minLr: input.lr / 10,
    warmupSteps: Math.min(20, Math.floor(steps / 10)),
    maxSteps: steps,
    decaySteps: steps,
    weightDecay: 0,
    evalInterval: input.evalInterval,
    evalBatches: 5,
    earlyStopPatience: 4,
  };
  const lora = input.lora
    ? { rank: input.rank, alpha: input.alpha, trainRowsFrom: chat.added[0]?.id, seed: 1 }
    : undefined;
  const run = fineTuneTrainer(chat.model, sft, config, { lora });
  const start = await baseForComparison(base.model, base.tokenizer, chat.tokenizer);
  const heldOut = tokenizeConversations(chat.tokenizer, data.heldOut, blockSize, 'held-out', true);
  const baseLoss = responseLoss(start, heldOut.examples).loss;
  state.stop = false;
  setTuned(undefined);
  let curve: CurvePoint[] = [];
  const report = (p: Progress) => {
    curve = addProgress(curve, p);
    progress(p);
  };
  const outcome = await runTraining(run.trainer, {
    evalAtStart: true,
    shouldStop: () => state.stop,
    onStep: (r) => report({ stage: 'finetune', done: r.step, total: steps, metrics: { loss: r.loss } }),
    onEval: (step, l) => {
      if (l.val !== undefined)
        report({ stage: 'finetune', done: step, total: steps, metrics: { val: l.val } });
    },
  });
  if (run.lora) mergeLoRA(run.lora);
  setTuned({ model: chat.model, start, tokenizer: chat.tokenizer });
  return {
    steps: run.trainer.step,
    outcome,
    curve,
    heldOut: {
      base: baseLoss,
      tuned: responseLoss(chat.model, heldOut.examples).loss,
      exactBase: exactMatchRate(start, chat.tokenizer, heldOut.sources),
      exactTuned: exactMatchRate(chat.model, chat.tokenizer, heldOut.sources),
      conversations: heldOut.examples.length,
      tokens: heldOut.responseTokens,
    },
    trainable: run.lora ? run.lora.params.all.size : chat.model.params.all.size,
    seconds: (performance.now() - started) / 1000,
  };
}

export async function stopFinetune(): Promise<boolean> {
  state.stop = true;
  return true;
}

/** Each prompt through the base (as the run started) and the tuned model, greedy. */
export async function ask({ prompts, maxTokens }: FinetuneJobs['finetuneAsk']['input']): Promise<AskRow[]> {
  const t = state.tuned;
  if (!t) throw new GlassboxError('fine-tune first: there is no tuned model to compare yet');
  return prompts.map((prompt) => {
    const messages = [{ role: 'user' as const, content: prompt }];
    const opts = { maxTokens: Math.min(maxTokens, t.model.config.blockSize - 4) };
    return {
      prompt,
      base: reply(t.start, t.tokenizer, messages, opts),
      tuned: reply(t.model, t.tokenizer, messages, opts),
    };
  });
}

/** The tuned model's checkpoint files (Hugging Face GPT-2 folder plus tokenizer_config.json). */
export async function exportTuned(): Promise<Record<string, Uint8Array>> {
  if (!state.tuned) throw new GlassboxError('fine-tune first: there is no tuned model to export');
  return saveFineTune({ model: state.tuned.model, tokenizer: state.tuned.tokenizer });
}
