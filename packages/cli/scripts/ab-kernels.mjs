// Paired A/B timing of two builds of @glassbox/core-wasm in one process: whole training steps, or
// one matmul shape. On a shared or throttled VM a build's speed moves from minute to minute by more
// than most kernel changes; loading both builds side by side and alternating their calls lets a
// slow spell fall on both, so the ratio of their medians measures the change. Also checks that the
// two builds compute the same numbers (the same losses step by step; the same product bits).
//
//   cp -r packages/core-wasm/dist /tmp/base      # before the change
//   …edit, then: pnpm --filter @glassbox/core-wasm run build
//   node packages/cli/scripts/ab-kernels.mjs step /tmp/base/index.js packages/core-wasm/dist/index.js 2 baby
//   node packages/cli/scripts/ab-kernels.mjs matmul /tmp/base/index.js packages/core-wasm/dist/index.js 1 768,8,512,NN
//
// Not a benchmark of record (that is `glassbox bench`): a tool for deciding whether a change is faster.

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GPT } from '@glassbox/model/gpt';
import { DEFAULT_TRAIN_CONFIG, Trainer } from '@glassbox/model/train';

const RECIPES = {
  baby: {
    model: { vocabSize: 65, blockSize: 64, nLayer: 4, nHead: 4, nEmbd: 128 },
    batch: 12,
    steps: 80,
    warmup: 10,
  },
  char: {
    model: { vocabSize: 65, blockSize: 256, nLayer: 6, nHead: 6, nEmbd: 384 },
    batch: 16,
    steps: 6,
    warmup: 1,
  },
};

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function load(dist, threads) {
  const { WasmKernels } = await import(pathToFileURL(resolve(dist)).href);
  return WasmKernels.create({ threads });
}

/** Runs `calls[0]` and `calls[1]` in turn `rounds` times (the order flipping each round); ms lists. */
function inTurn(calls, rounds) {
  const ms = [[], []];
  for (let r = 0; r < rounds; r++) {
    for (const j of r % 2 ? [1, 0] : [0, 1]) {
      const t = performance.now();
      calls[j]();
      ms[j].push(performance.now() - t);
    }
  }
  return ms;
}

function report(label, ms) {
  const [a, b] = ms.map(median);
  const pairs = median(ms[0].map((x, i) => x / ms[1][i]));
  console.log(
    `${label}: A ${a.toFixed(3)} ms  B ${b.toFixed(3)} ms  B is ${(a / b).toFixed(3)}× A's speed (median of pairs ${pairs.toFixed(3)}×)`,
  );
}

async function step(dists, threads, name) {
  const recipe = RECIPES[name];
  if (!recipe) throw new Error(`recipe must be one of ${Object.keys(RECIPES).join(', ')}`);
  let s = 7;
  const data = Uint16Array.from({ length: 100_000 }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % recipe.model.vocabSize;
  });
  const kernels = await Promise.all(dists.map((d) => load(d, threads)));
  try {
    const trainers = await Promise.all(
      kernels.map(async (k) => {
        const model = await GPT.create(recipe.model, { kernels: k });
        return new Trainer(
          model,
          { train: data },
          { ...DEFAULT_TRAIN_CONFIG, batchSize: recipe.batch, maxSteps: 1e9 },
        );
      }),
    );
    for (const t of trainers) for (let i = 0; i < recipe.warmup; i++) t.trainStep();
    const losses = [[], []];
    const ms = inTurn(
      trainers.map((t, j) => () => losses[j].push(t.trainStep().loss)),
      recipe.steps * 2,
    );
    report(`${name} step, ${threads} thread(s)`, ms);
    const same = losses[0].every((v, i) => Object.is(v, losses[1][i]));
    console.log(same ? 'same losses, step by step' : 'LOSSES DIFFER: B computes different numbers');
  } finally {
    for (const k of kernels) k.dispose();
  }
}

async function matmul(dists, threads, spec) {
  const [m, k, n, layout = 'NN'] = spec.split(',');
  const [M, K, N] = [m, k, n].map(Number);
  const kernels = await Promise.all(dists.map((d) => load(d, threads)));
  try {
    const sides = kernels.map((kern) => {
      const a = kern.arena.alloc([M * K]);
      const b = kern.arena.alloc([K * N]);
      const c = kern.arena.alloc([M * N]);
      for (let i = 0; i < M * K; i++) a.data[i] = Math.sin(i);
      for (let i = 0; i < K * N; i++) b.data[i] = Math.cos(i);
      const args = {
        c: c.ptr,
        a: a.ptr,
        b: b.ptr,
        m: M,
        k: K,
        n: N,
        transA: layout === 'TN',
        transB: layout === 'NT',
      };
      return { run: () => kern.matmul(args), out: () => c.data.slice() };
    });
    // About 2 ms per timed call: short products repeat.
    const reps = Math.max(1, Math.round(4e7 / (2 * M * K * N)));
    const calls = sides.map((x) => () => {
      for (let i = 0; i < reps; i++) x.run();
    });
    inTurn(calls, 20);
    const ms = inTurn(calls, 41).map((xs) => xs.map((x) => x / reps));
    report(
      `matmul ${M}×${K}×${N} ${layout}, ${threads} thread(s), GFLOP/s ${ms.map((x) => ((2 * M * K * N) / median(x) / 1e6).toFixed(1)).join(' vs ')}`,
      ms,
    );
    const [o0, o1] = sides.map((x) => x.out());
    console.log(o0.every((v, i) => Object.is(v, o1[i])) ? 'same bits' : 'PRODUCTS DIFFER');
  } finally {
    for (const k of kernels) k.dispose();
  }
}

const [mode, distA, distB, threads = '1', what] = process.argv.slice(2);
if (!['step', 'matmul'].includes(mode) || !distA || !distB) {
  console.error(
    'usage: ab-kernels.mjs step|matmul <distA/index.js> <distB/index.js> [threads] [baby|char | M,K,N,NN|NT|TN]',
  );
  process.exit(2);
}
if (mode === 'step') await step([distA, distB], Number(threads), what ?? 'baby');
else await matmul([distA, distB], Number(threads), what ?? '768,128,512,NN');
