// Benchmark section `finetune`: one supervised fine-tuning step (forward, backward, AdamW) on the
// baby model size — 4 layers, 4 heads, 128 wide, block 64, batch 12 — over the built-in
// instruction set at character level, with every weight training and with LoRA (rank 8 on all
// four matrices of each block). LoRA skips the frozen matrices' weight gradients and updates a
// few thousand numbers instead of 0.8 M; its extra work is the two thin matmuls per layer.
// Padded batches (one conversation per row) and packed ones; one thread and every core. Median
// ms per step over steps taken in turn by every case (fair ratios on a busy machine). Two more
// cases run the padded steps with matmul's thin path switched off (the general kernel alone, same
// numbers): what the thin path gains on LoRA's adapters and the 32-wide attention heads.

import { availableCores, createKernels, type Kernels } from '@glassbox/core-wasm';
import {
  builtinInstructions,
  type Conversation,
  fineTuneTrainer,
  prepareChatModel,
  sftData,
} from '@glassbox/model/finetune';
import { GPT } from '@glassbox/model/gpt';
import { brownText } from '@glassbox/model/node';
import { type Tokenizer, trainChar } from '@glassbox/model/tokenizer';
import { DEFAULT_TRAIN_CONFIG } from '@glassbox/model/train';
import { median } from './timing.js';
import type { BenchOptions, BenchRow, BenchSection } from './types.js';

const BABY = { nLayer: 4, nHead: 4, nEmbd: 128, blockSize: 64 };
const BATCH = 12;

async function sftTrainer(
  tokenizer: Tokenizer,
  train: Conversation[],
  lora: boolean,
  pack: boolean,
  kernels: Kernels,
) {
  const base = await GPT.create({ ...BABY, vocabSize: tokenizer.vocabSize }, { seed: 1 });
  const chat = await prepareChatModel(base, tokenizer, kernels);
  const data = sftData(chat.tokenizer, train, {
    batchSize: BATCH,
    blockSize: BABY.blockSize,
    valFraction: 0,
    seed: 1,
    pack,
    evalExamples: 1,
  });
  const config = { ...DEFAULT_TRAIN_CONFIG, batchSize: BATCH, maxSteps: 1_000_000, decaySteps: 1_000_000 };
  const trainable = lora ? { rank: 8, alpha: 16, trainRowsFrom: chat.added[0].id } : undefined;
  const { trainer } = fineTuneTrainer(chat.model, data, config, { lora: trainable });
  // Conversations per step: 12 when padded, more when packed.
  return { trainer, perStep: data.train.length / data.batches.batchesInEpoch(0) };
}

export const finetuneSection: BenchSection = {
  name: 'finetune',
  description:
    'one SFT step (forward + backward + AdamW), baby size (4 layers, 4 heads, 128 wide, block 64, batch 12), ms per step; steps/s = 1000 / ms',
  async run(opts: BenchOptions, emit: (row: BenchRow) => void): Promise<void> {
    const text = await brownText();
    const tokenizer = trainChar({ texts: [text] });
    const { train } = builtinInstructions(text, { train: 1200, test: 1 });
    const cases: [string, boolean, boolean, boolean][] = [
      ['sft step, every weight', false, false, true],
      ['sft step, LoRA r8', true, false, true],
      ['sft step, every weight, packed', false, true, true],
      ['sft step, LoRA r8, packed', true, true, true],
      ['sft step, every weight, no thin matmul path', false, false, false],
      ['sft step, LoRA r8, no thin matmul path', true, false, false],
    ];
    const threadCounts = opts.quick ? [1] : [...new Set([1, availableCores()])];
    const reps = opts.quick ? 3 : 25;
    for (const threads of threadCounts) {
      // Every case's trainer side by side, stepped in turn: on a shared machine a load spike then
      // slows all of them alike, and the ratios hold.
      const runs = [];
      for (const [kernel, lora, pack, thinMatmul] of opts.quick ? cases.slice(0, 2) : cases) {
        const kernels = await createKernels('wasm', { threads, thinMatmul });
        runs.push({
          kernel,
          kernels,
          ...(await sftTrainer(tokenizer, train, lora, pack, kernels)),
          ms: [] as number[],
        });
      }
      for (const r of runs) for (let i = 0; i < 2; i++) r.trainer.trainStep(); // warm-up
      for (let i = 0; i < reps; i++) for (const r of runs) r.ms.push(r.trainer.trainStep().ms);
      for (const r of runs) {
        const ms = median(r.ms);
        emit({
          kernel: r.kernel,
          shape: [BABY.nLayer, BABY.nHead, BABY.nEmbd, BABY.blockSize, BATCH],
          impl: threads > 1 ? `glassbox ${threads} threads` : 'glassbox',
          threads,
          ms,
          extra: { steps_per_s: 1000 / ms, conversations_per_s: (r.perStep * 1000) / ms },
        });
        r.kernels.dispose();
      }
    }
  },
};
