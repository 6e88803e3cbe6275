// Training and generation benchmarks: ms per optimizer step and tokens/s for nanoGPT's baby CPU
// recipe (4 layers, 4 heads, 128 wide, block 64, batch 12) and the larger character default
// (6 layers, 6 heads, 384 wide, block 256, batch 16), single-threaded and on every core; and
// generation tokens/s with the KV cache. The peer is PyTorch (Debian's python3-torch, the same GPT
// as scale/'s GPT2LMHeadModel: bench-peers/train_torch.py), kept up beside ours on the same number
// of threads when /usr/bin/python3 can import torch, the two timing short blocks of steps in turn
// (timeBlocks); without it the section says so and prints only our rows. With --profile, each
// recipe's steps are also profiled (a table of kernel families after the section's table). Each row
// also gives the model's GFLOP/s (nanoGPT's 6N + 12·L·C·T FLOPs per token, trainingFlopsPerToken)
// and, for ours, its share of the ceiling: the matmul micro-kernel's own GFLOP/s on panels in L1,
// run on all the threads at once (WasmKernels.ceilingGflops), sampled right around each block of
// ours: the median step against the median sample. The rows give median blocks; the notes every
// block's ratio, an interval for their median (medianInterval) and the ceiling's samples.
// (PyTorch's generation is measured in the gpt2 section.)

import { availableCores, WasmKernels } from '@glassbox/core-wasm';
import { GPT, generate, trainingFlopsPerToken } from '@glassbox/model/gpt';
import { DEFAULT_TRAIN_CONFIG, KernelProfiler, type StepProfile, Trainer } from '@glassbox/model/train';
import { profileTable } from '../train/profile-report.js';
import { PythonServer, pythonModuleVersion } from './python-peers.js';
import { median, medianInterval } from './timing.js';
import type { BenchOptions, BenchRow, BenchSection } from './types.js';

interface Recipe {
  name: string;
  model: { vocabSize: number; blockSize: number; nLayer: number; nHead: number; nEmbd: number };
  batch: number;
  /** Untimed steps first, ours and PyTorch's. */
  warmup: number;
  /** Steps per block: a block of ours, then one of PyTorch's, in turn, in one window. */
  blockSteps: number;
  /** Blocks timed; the rows give their medians, the notes every block. */
  blocks: number;
  /** Steps profiled after the timed ones, with --profile. */
  profileSteps: number;
}

const RECIPES: Recipe[] = [
  {
    name: 'train baby',
    model: { vocabSize: 65, blockSize: 64, nLayer: 4, nHead: 4, nEmbd: 128 },
    batch: 12,
    warmup: 10,
    // Steps here swing between 55 and 95 ms from one to the next in the host's noisy spells: short
    // blocks, many of them.
    blockSteps: 2,
    blocks: 25,
    profileSteps: 20,
  },
  {
    name: 'train char-default',
    model: { vocabSize: 65, blockSize: 256, nLayer: 6, nHead: 6, nEmbd: 384 },
    batch: 16,
    warmup: 2,
    blockSteps: 1,
    blocks: 7,
    profileSteps: 3,
  },
];

/** The budget of one sample of the ceiling (WasmKernels.ceilingGflops), in ms. */
const CEILING_SAMPLE_MS = 100;

function syntheticTokens(n: number, vocab: number): Uint16Array {
  let s = 7;
  return Uint16Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % vocab;
  });
}

/** Our side of a recipe on `threads` threads: a warmed-up trainer, its steps and the ceiling. */
interface OurRun {
  /** Each step's ms. */
  steps(n: number): number[];
  /** The micro-kernel's GFLOP/s on all the threads at once, now. */
  ceiling(): number;
  /** The table of where `n` profiled steps' time went. */
  profile(n: number): string;
  dispose(): void;
}

async function startOurs(recipe: Recipe, threads: number): Promise<OurRun> {
  const kernels = await WasmKernels.create({ threads });
  try {
    const model = await GPT.create(recipe.model, { kernels });
    const data = syntheticTokens(100_000, recipe.model.vocabSize);
    const trainer = new Trainer(
      model,
      { train: data },
      { ...DEFAULT_TRAIN_CONFIG, batchSize: recipe.batch, maxSteps: 1_000_000 },
    );
    // Warm-up: V8 tiers the wasm up in every thread's isolate separately, and memory is first touched.
    for (let i = 0; i < recipe.warmup; i++) trainer.trainStep();
    return {
      steps: (n) => Array.from({ length: n }, () => trainer.trainStep().ms),
      ceiling: () => kernels.ceilingGflops(CEILING_SAMPLE_MS),
      profile(n) {
        // The profiler's wrappers cost a little JavaScript: its steps are not the timed ones.
        const profiler = new KernelProfiler(kernels, model.config);
        const profiles: StepProfile[] = [];
        profiler.start();
        try {
          for (let i = 0; i < n; i++) profiles.push(profiler.takeStep(trainer.trainStep().step));
        } finally {
          profiler.stop();
        }
        return profileTable(profiles);
      },
      dispose: () => kernels.dispose(),
    };
  } catch (e) {
    kernels.dispose();
    throw e;
  }
}

/** One block's figures: our and PyTorch's median ms per step, and the ceiling around ours. */
interface Block {
  ours: number;
  theirs?: number;
  /** The ceiling sampled right before and right after our steps. */
  ceilings: [number, number];
}

/**
 * Blocks of our steps and PyTorch's in turn, in one window: both processes stay up (PyTorch's
 * waiting on its stdin, ours between calls; neither spins), so each block of one side directly
 * follows a block of the other. This host's speed moves by a third for seconds to minutes at a time
 * (one vCPU or the other); fresh processes per round put seconds of start-up between the two
 * sides, and their rounds' ratios spread 0.72–1.24×. The ceiling is sampled right before and right
 * after each block of ours: the same window's typical machine, for the median step to be read
 * against (a sample is 0.1 s, a step up to 7 s: one block against its own two samples read 53–128 %).
 */
async function timeBlocks(
  recipe: Recipe,
  threads: number,
  ours: OurRun,
  torch: boolean,
  blocks: number,
  steps: number,
): Promise<Block[]> {
  const m = recipe.model;
  const args = [m.nLayer, m.nHead, m.nEmbd, m.blockSize, m.vocabSize, recipe.batch, threads, recipe.warmup];
  const peer = torch ? await PythonServer.start('train_torch.py', args, { threads }) : undefined;
  try {
    const out: Block[] = [];
    for (let i = 0; i < blocks; i++) {
      const before = ours.ceiling();
      const ms = median(ours.steps(steps));
      const ceilings: [number, number] = [before, ours.ceiling()];
      const theirs = await peer?.request<{ msPerStep: number[] }>(String(steps));
      out.push({ ours: ms, ceilings, ...(theirs ? { theirs: median(theirs.msPerStep) } : {}) });
    }
    return out;
  } finally {
    peer?.close();
  }
}

async function benchTraining(opts: BenchOptions, emit: (r: BenchRow) => void): Promise<void> {
  const threadCounts = [...new Set([1, availableCores()])];
  const torch = pythonModuleVersion('torch');
  if (!torch)
    process.stderr.write(
      '  PyTorch not installed (apt-get install python3-torch libopenblas0-pthread): no peer rows\n',
    );
  for (const recipe of opts.quick ? RECIPES.slice(0, 1) : RECIPES) {
    const tokens = recipe.batch * recipe.model.blockSize;
    const shape = [
      recipe.model.nLayer,
      recipe.model.nHead,
      recipe.model.nEmbd,
      recipe.model.blockSize,
      recipe.batch,
    ];
    const flopsPerStep = trainingFlopsPerToken(recipe.model) * tokens;
    for (const threads of threadCounts) {
      const label = `${recipe.name}, ${threads} thread${threads > 1 ? 's' : ''}`;
      const ours = await startOurs(recipe, threads);
      let blocks: Block[];
      try {
        blocks = await timeBlocks(
          recipe,
          threads,
          ours,
          !!torch,
          opts.quick ? 1 : recipe.blocks,
          opts.quick ? 3 : recipe.blockSteps,
        );
        if (opts.profile) opts.note?.(`${label}: ${ours.profile(opts.quick ? 3 : recipe.profileSteps)}`);
      } finally {
        ours.dispose();
      }
      const row = (impl: string, ms: number, pctOfCeiling?: number): BenchRow => ({
        kernel: recipe.name,
        shape,
        impl: threads > 1 ? `${impl} ${threads} threads` : impl,
        threads,
        ms,
        extra: {
          tokens_per_s: (tokens * 1000) / ms,
          model_gflops_per_s: flopsPerStep / ms / 1e6,
          ...(pctOfCeiling !== undefined ? { pct_of_ceiling: pctOfCeiling } : {}),
        },
      });
      // The median step against the median sample of the ceiling, both from the same window.
      const ms = median(blocks.map((b) => b.ours));
      const samples = blocks.flatMap((b) => b.ceilings);
      const ceiling = median(samples);
      const pct = (100 * flopsPerStep) / ms / 1e6 / ceiling;
      opts.note?.(
        `${label}: the ceiling ${ceiling.toFixed(1)} GFLOP/s (median of ${samples.length} samples, ` +
          `${Math.min(...samples).toFixed(1)}–${Math.max(...samples).toFixed(1)}); ` +
          `the median step ${pct.toFixed(1)} % of it`,
      );
      emit(row('glassbox', ms, pct));
      const paired = blocks.filter((b): b is Required<Block> => b.theirs !== undefined);
      if (paired.length) emit(row(`pytorch ${torch}`, median(paired.map((b) => b.theirs))));
      if (paired.length > 1) {
        // Each block's own ratio: how far one window's answer can move; and where the median of
        // such ratios lies (distribution-free; the blocks' noise is not quite independent draws).
        const ratios = paired.map((b) => b.theirs / b.ours);
        const range = medianInterval(ratios);
        opts.note?.(
          `${label}: PyTorch's ms ÷ ours, block by block: ` +
            `${ratios.map((r) => `${r.toFixed(2)}×`).join(', ')} (median ${median(ratios).toFixed(2)}×, ` +
            `its ${(100 * range.coverage).toFixed(1)} % interval ${range.low.toFixed(2)}–${range.high.toFixed(2)}×)`,
        );
      }
    }
  }

  // Generation: 500 new tokens from the baby model.
  const model = await GPT.create(RECIPES[0].model, { seed: 1 });
  const n = opts.quick ? 50 : 500;
  const started = performance.now();
  let count = 0;
  for (const _ of generate(model, [1], { maxTokens: n, seed: 1 })) count++;
  const ms = (performance.now() - started) / count;
  emit({
    kernel: 'generate baby (KV cache)',
    shape: [n],
    impl: 'glassbox',
    threads: 1,
    ms,
    extra: { tokens_per_s: 1000 / ms },
  });
}

export const trainSection: BenchSection = {
  name: 'train',
  description:
    'GPT training step (ms/iteration, tokens/s) beside PyTorch (python3-torch) run in the same bench run on the same threads, and generation',
  run: benchTraining,
};
