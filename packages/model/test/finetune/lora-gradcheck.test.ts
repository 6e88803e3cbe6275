// LoRA's hand-written backward against central finite differences of the adapted model's forward
// pass, on a tiny model with both kernel implementations: every adapter factor (A and B of all four
// linear layers) and the trained embedding rows of added tokens (their output-head and input
// shares). The frozen base gets no gradient at all — not its linear weights, nor its embeddings or
// LayerNorms, which nothing trains — and a model built with training: 'adapters' (no memory for
// base gradients) gives the same adapter gradients bit for bit. B starts non-zero here (it is 0 in
// training) so A's gradient is not zero by construction.

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

async function adapted(
  impl: KernelImpl,
  training: true | 'adapters' = true,
): Promise<{ model: GPT; lora: LoRA }> {
  const model = await GPT.create(config, { kernels: await createKernels(impl), seed: 3, training });
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
    // The base: no gradient anywhere (the trained wte rows live in the adapter block).
    for (const spec of model.params.specs) {
      expect(
        model.grads.get(spec.name).data.every((x) => x === 0),
        `${spec.name} is frozen and must get no gradient`,
      ).toBe(true);
    }
    // Without base gradients in memory, the same adapter gradients, bit for bit.
    const lean = await adapted(impl, 'adapters');
    expect(() => lean.model.grads).toThrow(/no parameter gradients/);
    expect(lean.model.kernels.arena.used).toBeLessThan(model.kernels.arena.used - model.params.all.size * 4);
    lean.model.forward({ tokens, targets, B, T });
    lean.model.zeroGrad();
    lean.model.backward();
    model.forward({ tokens, targets, B, T });
    model.zeroGrad();
    model.backward();
    expect(Array.from(lean.lora.grads.all.data)).toEqual(Array.from(lora.grads.all.data));
    // Detached, an 'adapters' model cannot run backward (it has nothing of its own to train).
    lean.lora.detach();
    lean.model.forward({ tokens, targets, B, T });
    expect(() => lean.model.backward()).toThrow(/needs an adapter that freezes the base/);
  });
});
