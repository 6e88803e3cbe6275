// Benchmark section `finetune`: one supervised fine-tuning step (forward, backward, AdamW) on the
// baby model size — 4 layers, 4 heads, 128 wide, block 64, batch 12 — over the built-in
// instruction set at character level, with every weight training and with LoRA (rank 8 on all
// four matrices of each block). LoRA skips the frozen matrices' weight gradients and updates a
// few thousand numbers instead of 0.8 M; its extra work is the two thin matmuls per layer.
// Padded batches (one conversation per row) and packed ones; one thread and every core. Median
// ms per step.

import { availableCores, createKernels, type Kernels } from '@glassbox/core-wasm';
import {
  builtinInstructions,
  type Conversation,
  DEFAULT_TRAIN_CONFIG,
  fineTuneTrainer,
  GPT,
  prepareChatModel,
  sftData,
  type Tokenizer,
  trainChar,
} from '@glassbox/model';
import { brownText } from '@glassbox/model/node';
import { measure } from './timing.js';
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
  return fineTuneTrainer(chat.model, data, config, { lora: trainable }).trainer;
}

export const finetuneSection: BenchSection = {
  name: 'finetune',
  description:
    'one SFT step (forward + backward + AdamW), baby size (4 layers, 4 heads, 128 wide, block 64, batch 12), ms per step; steps/s = 1000 / ms',
  async run(opts: BenchOptions, emit: (row: BenchRow) => void): Promise<void> {
    const text = await brownText();
    const tokenizer = trainChar({ texts: [text] });
    const { train } = builtinInstructions(text, { train: 1200, test: 1 });
    const cases: [string, boolean, boolean][] = [
      ['sft step, every weight', false, false],
      ['sft step, LoRA r8', true, false],
      ['sft step, every weight, packed', false, true],
      ['sft step, LoRA r8, packed', true, true],
    ];
    const threadCounts = opts.quick ? [1] : [...new Set([1, availableCores()])];
    for (const [kernel, lora, pack] of opts.quick ? cases.slice(0, 2) : cases) {
      for (const threads of threadCounts) {
        const kernels = await createKernels('wasm', { threads });
        const trainer = await sftTrainer(tokenizer, train, lora, pack, kernels);
        const t = measure(
          () => trainer.trainStep(),
          opts.quick ? { warmupMs: 200, minReps: 3, minMs: 300 } : { minMs: 4000 },
        );
        // Positions per step, filler included (padding makes T the batch's longest conversation).
        const positions =
          trainer.history.reduce((n, r) => n + (r.tokensPerSecond * r.ms) / 1000, 0) / trainer.history.length;
        emit({
          kernel,
          shape: [BABY.nLayer, BABY.nHead, BABY.nEmbd, BABY.blockSize, BATCH],
          impl: threads > 1 ? `glassbox ${threads} threads` : 'glassbox',
          threads,
          ms: t.ms,
          extra: { steps_per_s: 1000 / t.ms, positions_per_s: (positions * 1000) / t.ms },
        });
        kernels.dispose();
      }
    }
  },
};
