// One measured run for the gpt2 benchmark, in a process of its own so that its peak memory is its
// own: `node gpt2-child.js DIR THREADS MODE PROMPT_IDS NEW` prints one JSON line.
//   MODE generate: load the folder inference-only, feed the prompt at once, then NEW tokens greedily
//                  through the KV cache: load ms, prompt ms, tokens/s, the generated ids, peak RSS.
//   MODE lora:     load it for LoRA (no base gradients), rank 8 on all four matrices, batch 4 ×
//                  128 tokens of synthetic text: median ms per optimizer step over 3 after 1, peak RSS.

import { createKernels } from '@glassbox/core-wasm';
import { loadCheckpoint } from '@glassbox/model/checkpoint';
import { fineTuneTrainer } from '@glassbox/model/finetune';
import { InferenceSession } from '@glassbox/model/gpt';
import { openCheckpointDir } from '@glassbox/model/node';
import { DEFAULT_TRAIN_CONFIG } from '@glassbox/model/train';
import { median } from './timing.js';

const [dir, threadsArg, mode, promptArg, newArg] = process.argv.slice(2);
const threads = Number(threadsArg);
const started = performance.now();
const kernels = await createKernels('wasm', { threads });
const opened = await openCheckpointDir(dir);
const loaded = await loadCheckpoint(opened.files, {
  kernels,
  training: mode === 'lora' ? 'adapters' : false,
}).finally(() => opened.close());
const loadMs = performance.now() - started;
const model = loaded.model;
const peakMiB = () => process.resourceUsage().maxRSS / 1024;

if (mode === 'generate') {
  const prompt = promptArg.split(',').map(Number);
  const newTokens = Number(newArg);
  const session = new InferenceSession(model, { capacity: prompt.length + newTokens });
  const t0 = performance.now();
  let logits = session.pushAll(prompt);
  const promptMs = performance.now() - t0;
  const ids: number[] = [];
  const t1 = performance.now();
  for (let i = 0; i < newTokens; i++) {
    let best = 0;
    for (let v = 1; v < logits.length; v++) if (logits[v] > logits[best]) best = v;
    ids.push(best);
    if (i + 1 < newTokens) logits = session.push(best);
  }
  const genMs = performance.now() - t1;
  session.dispose();
  console.log(
    JSON.stringify({
      loadMs,
      promptMs,
      tokensPerS: (newTokens - 1) / ((genMs - 0) / 1000),
      ids,
      peakMiB: peakMiB(),
    }),
  );
} else {
  const B = 4;
  const T = 128;
  let s = 12345;
  const tokens = Uint16Array.from({ length: 50_000 }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % 50_000;
  });
  const config = {
    ...DEFAULT_TRAIN_CONFIG,
    batchSize: B,
    blockSize: T,
    maxSteps: 1_000,
    decaySteps: 1_000,
    lr: 3e-3,
    minLr: 3e-4,
  };
  const { trainer } = fineTuneTrainer(model, { train: tokens }, config, { lora: { rank: 8, alpha: 16 } });
  trainer.trainStep();
  const ms = median([0, 1, 2].map(() => trainer.trainStep().ms));
  console.log(JSON.stringify({ loadMs, msPerStep: ms, tokensPerS: (B * T * 1000) / ms, peakMiB: peakMiB() }));
}
kernels.dispose();
