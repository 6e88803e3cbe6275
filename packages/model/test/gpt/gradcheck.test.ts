// The GPT's hand-written backward pass against central finite differences of its forward pass,
// for every parameter tensor, on a tiny model (2 layers, 2 heads, C = 8, vocabulary 7), on both
// kernel implementations. Weights are drawn larger than GPT-2's 0.02 so every path carries a
// gradient well above f32 rounding.

import { createKernels, type KernelImpl } from '@glassbox/core-wasm';
import { describe, expect, it } from 'vitest';
import { GPT } from '../../src/gpt/index.js';
import { Random } from '../../src/index.js';
import { everyNth, expectGradient } from './fd-check.js';

const config = { vocabSize: 7, blockSize: 6, nLayer: 2, nHead: 2, nEmbd: 8 };
const B = 2;
const T = 5;
const tokens = [1, 4, 2, 6, 0, 3, 3, 5, 1, 2];
const targets = [4, 2, 6, -1, 1, 3, 5, 1, 2, 0]; // one masked position

async function tinyModel(impl: KernelImpl): Promise<GPT> {
  const model = await GPT.create(config, { kernels: await createKernels(impl), seed: 3 });
  const rng = new Random(11);
  const w = model.params.all.data;
  for (let i = 0; i < w.length; i++) w[i] = rng.normal() * 0.5;
  return model;
}

describe.each(['wasm', 'reference'] as const)('GPT backward (%s) against finite differences', (impl) => {
  it('matches ∂loss/∂θ for every parameter tensor', async () => {
    const model = await tinyModel(impl);
    const loss = () => model.forward({ tokens, targets, B, T })!;
    loss();
    model.zeroGrad();
    model.backward();
    // The reference kernels are slow: check a spread of elements there, every element on wasm.
    const stride = impl === 'wasm' ? 1 : 5;
    for (const spec of model.params.specs) {
      const w = model.params.get(spec.name).data;
      const g = model.grads.get(spec.name).data;
      expectGradient(spec.name, w, g, loss, everyNth(spec.size, stride));
    }
  });
});

describe('GPT forward', () => {
  it('starts near ln(vocabSize): the loss of a uniform guess', async () => {
    const model = await GPT.create(
      { vocabSize: 65, blockSize: 16, nLayer: 2, nHead: 2, nEmbd: 32 },
      { seed: 1 },
    );
    const rng = new Random(5);
    const n = 4 * 16;
    const ids = Array.from({ length: n }, () => rng.int(65));
    const next = Array.from({ length: n }, () => rng.int(65));
    const loss = model.forward({ tokens: ids, targets: next, B: 4, T: 16 })!;
    expect(Math.abs(loss - Math.log(65))).toBeLessThan(0.05);
  });

  it('is causal: changing a later token leaves earlier positions’ logits untouched', async () => {
    const model = await tinyModel('wasm');
    model.forward({ tokens, B, T });
    const before = model.activations!.logits.data.slice(0, 3 * config.vocabSize);
    const changed = [...tokens];
    changed[4] = 5; // the last position of the first sequence
    model.forward({ tokens: changed, B, T });
    expect(model.activations!.logits.data.slice(0, 3 * config.vocabSize)).toEqual(before);
  });

  it('refuses token ids outside the vocabulary and sequences longer than the block', async () => {
    const model = await tinyModel('wasm');
    expect(() => model.forward({ tokens: [1, 2, 9], B: 1, T: 3 })).toThrow(
      /token id 9 at position 2 is outside the vocabulary \(0…6\)/,
    );
    expect(() => model.forward({ tokens: new Array(7).fill(0), B: 1, T: 7 })).toThrow(
      /exceeds the block size 6/,
    );
  });
});
