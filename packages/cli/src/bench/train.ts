// Training and generation benchmarks: ms per optimizer step and tokens/s for nanoGPT's baby CPU
// recipe (4 layers, 4 heads, 128 wide, block 64, batch 12) and the larger character default
// (6 layers, 6 heads, 384 wide, block 256, batch 16), single-threaded and on every core; and
// generation tokens/s with the KV cache. The peer is PyTorch (Debian's python3-torch, the same GPT
// as scale/'s GPT2LMHeadModel: bench-peers/train_torch.py), run in the same bench run right after
// ours on the same number of threads, alternating in rounds, when /usr/bin/python3 can import
// torch; without it the section says so and prints only our rows. With --profile, each recipe's
// steps are also profiled (a table of kernel families after the section's table). Each row also
// gives the model's GFLOP/s (nanoGPT's 6N + 12·L·C·T FLOPs per token, trainingFlopsPerToken) and,
// for ours, its share of the ceiling: the matmul micro-kernel's own GFLOP/s on panels in L1, run on
// all the threads at once (WasmKernels.ceilingGflops, sampled in the same round before, between and
// after its steps; the best sample), round by round; the row gives the median round.
// (PyTorch's generation is measured in the gpt2 section.)

import { availableCores, createKernels, WasmKernels } from '@glassbox/core-wasm';
import { GPT, generate, trainingFlopsPerToken } from '@glassbox/model/gpt';
import { DEFAULT_TRAIN_CONFIG, KernelProfiler, type StepProfile, Trainer } from '@glassbox/model/train';
import { profileTable } from '../train/profile-report.js';
import { pythonModuleVersion, runPythonPeer } from './python-peers.js';
import { median } from './timing.js';
import type { BenchOptions, BenchRow, BenchSection } from './types.js';

interface Recipe {
  name: string;
  model: { vocabSize: number; blockSize: number; nLayer: number; nHead: number; nEmbd: number };
  batch: number;
  steps: number;
  warmup: number;
  /** Rounds of ours-then-PyTorch (each a fresh model and process); the ratio is their median. */
  rounds: number;
}

/** The least time between two samples of the ceiling while a round's timed steps run. */
const CEILING_EVERY_MS = 2000;

/** PyTorch's median ms per training step of the recipe on `threads` threads (undefined if it failed). */
function torchStepMs(recipe: Recipe, threads: number, steps: number): number | undefined {
  const m = recipe.model;
  const args = [
    m.nLayer,
    m.nHead,
    m.nEmbd,
    m.blockSize,
    m.vocabSize,
    recipe.batch,
    threads,
    recipe.warmup,
    steps,
  ];
  const out = runPythonPeer<{ msPerStep: number[] }>('train_torch.py', args, { timeoutMs: 600_000, threads });
  return out && median(out.msPerStep);
}

const RECIPES: Recipe[] = [
  {
    name: 'train baby',
    model: { vocabSize: 65, blockSize: 64, nLayer: 4, nHead: 4, nEmbd: 128 },
    batch: 12,
    steps: 20,
    warmup: 10,
    // The host's speed moves from second to second here: five short rounds, not two.
    rounds: 5,
  },
  {
    name: 'train char-default',
    model: { vocabSize: 65, blockSize: 256, nLayer: 6, nHead: 6, nEmbd: 384 },
    batch: 16,
    steps: 3,
    warmup: 2,
    // Three rounds: the median round, not the mean of two, when one vCPU has a slow spell.
    rounds: 3,
  },
];

function syntheticTokens(n: number, vocab: number): Uint16Array {
  let s = 7;
  return Uint16Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % vocab;
  });
}

/** Our median ms per step of the recipe on `threads` threads, and the profiled steps' table if asked. */
async function ourStepMs(
  recipe: Recipe,
  threads: number,
  steps: number,
  profile: boolean,
): Promise<{ ms: number; table?: string; ceiling?: number }> {
  const kernels = await createKernels('wasm', { threads });
  try {
    // The micro-kernel's own speed on all the threads at once: the recipe's ceiling. Sampled before
    // the steps, between timed steps at least CEILING_EVERY_MS apart and after them; the round's
    // ceiling is the best sample — the host's slow spells only ever lower a reading (here one
    // vCPU runs a third slower for minutes at a time), and a spell caught by one sample that the
    // steps missed made a round read above 100 %.
    const samples: number[] = [];
    let sampledAt = 0;
    const sample = () => {
      if (kernels instanceof WasmKernels) samples.push(kernels.ceilingGflops());
      sampledAt = performance.now();
    };
    sample();
    const model = await GPT.create(recipe.model, { kernels });
    const data = syntheticTokens(100_000, recipe.model.vocabSize);
    const trainer = new Trainer(
      model,
      { train: data },
      { ...DEFAULT_TRAIN_CONFIG, batchSize: recipe.batch, maxSteps: 1_000_000 },
    );
    // Warm-up: V8 tiers the wasm up in every thread's isolate separately, and memory is first touched.
    for (let i = 0; i < recipe.warmup; i++) trainer.trainStep();
    const times: number[] = [];
    for (let i = 0; i < steps; i++) {
      times.push(trainer.trainStep().ms);
      if (performance.now() - sampledAt >= CEILING_EVERY_MS) sample();
    }
    const ms = median(times);
    sample();
    const ceiling = samples.length ? Math.max(...samples) : undefined;
    if (!profile) return { ms, ceiling };
    // Profiled steps come after the timed ones: the profiler's wrappers cost a little JavaScript.
    const profiler = new KernelProfiler(kernels, model.config);
    const profiles: StepProfile[] = [];
    profiler.start();
    try {
      for (let i = 0; i < steps; i++) profiles.push(profiler.takeStep(trainer.trainStep().step));
    } finally {
      profiler.stop();
    }
    return { ms, ceiling, table: profileTable(profiles) };
  } finally {
    kernels.dispose();
  }
}

async function benchTraining(opts: BenchOptions, emit: (r: BenchRow) => void): Promise<void> {
  const threadCounts = [...new Set([1, availableCores()])];
  const torch = pythonModuleVersion('torch');
  if (!torch)
    process.stderr.write(
      '  PyTorch not installed (apt-get install python3-torch libopenblas0-pthread): no peer rows\n',
    );
  // Ours and PyTorch's alternate, round after round, so a slow spell of the machine falls on both.
  for (const recipe of opts.quick ? RECIPES.slice(0, 1) : RECIPES) {
    const rounds = opts.quick ? 1 : recipe.rounds;
    const tokens = recipe.batch * recipe.model.blockSize;
    const shape = [
      recipe.model.nLayer,
      recipe.model.nHead,
      recipe.model.nEmbd,
      recipe.model.blockSize,
      recipe.batch,
    ];
    const steps = opts.quick ? 3 : recipe.steps;
    for (const threads of threadCounts) {
      const ours: number[] = [];
      const ceilings: number[] = [];
      const theirs: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const last = round === rounds - 1;
        const run = await ourStepMs(recipe, threads, steps, !!opts.profile && last);
        ours.push(run.ms);
        if (run.ceiling !== undefined) ceilings.push(run.ceiling);
        if (run.table)
          opts.note?.(`${recipe.name}, ${threads} thread${threads > 1 ? 's' : ''}: ${run.table}`);
        const torchMs = torch ? torchStepMs(recipe, threads, steps) : undefined;
        if (torchMs !== undefined) theirs.push(torchMs);
      }
      const flopsPerStep = trainingFlopsPerToken(recipe.model) * tokens;
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
      // Each round against its own ceiling; the row gives the median round.
      const pcts =
        ceilings.length === ours.length
          ? ours.map((ms, i) => (100 * flopsPerStep) / ms / 1e6 / ceilings[i]!)
          : [];
      if (pcts.length > 1)
        opts.note?.(
          `${recipe.name}, ${threads} thread${threads > 1 ? 's' : ''}: % of the ceiling, round by round: ` +
            `${pcts.map((p) => p.toFixed(1)).join(', ')} (median ${median(pcts).toFixed(1)})`,
        );
      emit(row('glassbox', median(ours), pcts.length ? median(pcts) : undefined));
      if (theirs.length) emit(row(`pytorch ${torch}`, median(theirs)));
      if (theirs.length === ours.length && rounds > 1) {
        // Each round's own ratio: how far one window's answer can move.
        const ratios = ours.map((ms, i) => theirs[i] / ms);
        opts.note?.(
          `${recipe.name}, ${threads} thread${threads > 1 ? 's' : ''}: PyTorch's ms ÷ ours, round by round: ` +
            `${ratios.map((r) => `${r.toFixed(2)}×`).join(', ')} (median ${median(ratios).toFixed(2)}×)`,
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
