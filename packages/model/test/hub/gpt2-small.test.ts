// The one big fixture: a folder with GPT-2 small's exact shapes (124,439,808 parameters, 12 layers,
// 12 heads, 768 wide, 50,257 tokens, 1,024 positions) in the Hub's gpt2 layout (unprefixed names,
// mask buffers, F16 here to halve the file, vocab.json + merges.txt, generation_config.json), with
// random weights made at test time and written to a temporary folder, then loaded from disk the
// way the CLI does it: streamed from the file into an inference-only model.

import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCheckpoint } from '../../src/checkpoint/checkpoint.js';
import { fromFloat32, toFloat32 } from '../../src/checkpoint/dtypes.js';
import { safetensorsParts } from '../../src/checkpoint/safetensors.js';
import { parameterCount } from '../../src/gpt/config.js';
import { generate } from '../../src/gpt/generate.js';
import { openCheckpointDir } from '../../src/node/checkpoint-dir.js';
import { loadGpt2 } from '../../src/tokenizer/gpt2.js';
import { hubSmallFiles, hubTensors, randomWeights } from './fixtures.js';

const GPT2_SMALL = { vocabSize: 50257, blockSize: 1024, nLayer: 12, nHead: 12, nEmbd: 768 };

describe('GPT-2 small, exact shapes, from disk', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('streams into an inference-only model and generates', async () => {
    dir = await mkdtemp(join(tmpdir(), 'glassbox-gpt2-small-'));
    const weight = randomWeights(7);
    const layout = { dtype: 'F16' as const };
    for (const [name, bytes] of Object.entries(await hubSmallFiles(GPT2_SMALL, layout))) {
      const f = await open(join(dir, name), 'w');
      await f.writeFile(bytes);
      await f.close();
    }
    const f = await open(join(dir, 'model.safetensors'), 'w');
    for (const part of safetensorsParts(hubTensors(GPT2_SMALL, weight, layout), { format: 'pt' }))
      await f.write(part);
    await f.close();

    const opened = await openCheckpointDir(dir);
    const loaded = await loadCheckpoint(opened.files, { where: dir, training: false }).finally(() =>
      opened.close(),
    );
    const { model } = loaded;
    expect(loaded.config).toEqual(GPT2_SMALL);
    expect(parameterCount(loaded.config)).toBe(124_439_808);
    expect(loaded.weights.dtypes).toEqual({ F16: 148 });
    expect(loaded.weights.ignored).toHaveLength(24);
    for (const [name, shape] of [
      ['wte.weight', [50257, 768]],
      ['h.5.attn.c_attn.weight', [768, 2304]],
      ['h.11.mlp.c_proj.bias', [768]],
    ] as const) {
      const want = new Float32Array(shape.reduce((a, b) => a * b, 1));
      toFloat32(fromFloat32(weight(name, [...shape]), 'F16'), 'F16', want);
      expect(
        model.params.get(name).data.every((v, i) => v === want[i]),
        name,
      ).toBe(true);
    }
    // Inference-only: the arena holds the weights and little else (no gradients, no optimizer).
    expect(model.kernels.arena.used).toBeLessThan(model.params.all.size * 4 * 1.05);
    const gpt2 = await loadGpt2();
    const prompt = gpt2.encode('The quick brown fox');
    expect(loaded.tokenizer!.encode('The quick brown fox')).toEqual(prompt);
    expect(loaded.generation.eosTokenIds).toEqual([50256]);
    // Greedy generation through the KV cache picks the full forward pass's argmax.
    const steps = [...generate(model, prompt, { maxTokens: 2, temperature: 0 })];
    model.forward({ tokens: prompt, B: 1, T: prompt.length });
    const last = model.activations!.logits.data.subarray((prompt.length - 1) * 50257, prompt.length * 50257);
    expect(steps[0].id).toBe(last.indexOf(Math.max(...last)));
    expect(steps).toHaveLength(2);
  }, 300_000);
});
