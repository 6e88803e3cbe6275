// LoRA's hand-written backward against central finite differences of the adapted model's forward
// pass, on a tiny model with both kernel implementations: every adapter factor (A and B of all four
// linear layers), the trained embedding rows of added tokens, and every base tensor whose gradient
// still flows (embeddings, LayerNorms) — those see the adapters' share of the input gradient. The
// frozen linear weights must get no gradient at all. B starts non-zero here (it is 0 in training)
// so A's gradient is not zero by construction.

import { createKernels, type KernelImpl } from '@glassbox/core-wasm';
import { describe, expect, it } from 'vitest';
import { LoRA } from '../../src/finetune/index.js';
import { GPT } from '../../src/gpt/index.js';
import { Random } from '../../src/index.js';
import { everyNth, expectGradient } from '../gpt/fd-check.js';

const config = { vocabSize: 7, blockSize: 6, nLayer: 2, nHead: 2, nEmbd: 8 };
const B = 2;
const T = 5;
const tokens = [1, 4, 2, 6, 0, 3, 3, 5, 1, 2];
const targets = [4, 2, 6, -1, 1, 3, 5, 1, 2, 0];

async function adapted(impl: KernelImpl): Promise<{ model: GPT; lora: LoRA }> {
  const model = await GPT.create(config, { kernels: await createKernels(impl), seed: 3 });
  const rng = new Random(11);
  const w = model.params.all.data;
  for (let i = 0; i < w.length; i++) w[i] = rng.normal() * 0.5;
  const lora = new LoRA(model, { rank: 2, alpha: 3, seed: 5, trainRowsFrom: 5 }).attach();
  const p = lora.params.all.data;
  for (let i = 0; i < p.length; i++) p[i] = rng.normal() * 0.5;
  return { model, lora };
}

const checkTensor = (name: string, w: Float32Array, g: Float32Array, loss: () => number, stride: number) =>
  expectGradient(name, w, g, loss, everyNth(w.length, stride));

describe.each(['wasm', 'reference'] as const)('LoRA backward (%s) against finite differences', (impl) => {
  it('matches ∂loss/∂θ for every adapter tensor and every base tensor that still trains', async () => {
    const { model, lora } = await adapted(impl);
    const loss = () => model.forward({ tokens, targets, B, T })!;
    loss();
    model.zeroGrad();
    model.backward();
    const stride = impl === 'wasm' ? 1 : 3;
    for (const spec of lora.params.specs) {
      const w = lora.params.get(spec.name).data;
      checkTensor(spec.name, w, lora.grads.get(spec.name).data, loss, stride);
    }
    // wte rows below trainRowsFrom, wpe and the LayerNorms: the gradient that reaches them passes
    // through the adapters' input gradients.
    for (const spec of model.params.specs) {
      const frozenLinear = /\.(c_attn|c_proj|c_fc)\./.test(spec.name);
      const g = model.grads.get(spec.name).data;
      if (frozenLinear) {
        expect(
          g.every((x) => x === 0),
          `${spec.name} is frozen and must get no gradient`,
        ).toBe(true);
        continue;
      }
      if (spec.name === 'wte.weight') {
        // Rows 5 and 6 are overwritten from the adapter block before every forward pass.
        const C = config.nEmbd;
        const rows = model.params.get('wte.weight').data.subarray(0, 5 * C);
        checkTensor('wte.weight[0:5]', rows, g.subarray(0, 5 * C), loss, stride);
        continue;
      }
      checkTensor(spec.name, model.params.get(spec.name).data, g, loss, stride);
    }
  });
});
