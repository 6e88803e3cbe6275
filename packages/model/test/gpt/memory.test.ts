// Memory has owners: generation frees its KV cache however it ends, a session frees on dispose(),
// regrown activations free the old ones, and an inference-only model allocates no gradients.

import { createKernels } from '@glassbox/core-wasm';
import { describe, expect, it } from 'vitest';
import { GPT, generate, InferenceSession } from '../../src/gpt/index.js';

const config = { vocabSize: 11, blockSize: 8, nLayer: 2, nHead: 2, nEmbd: 16 };

describe('memory ownership', () => {
  it('generate() frees its KV cache when it finishes, breaks off or throws', async () => {
    const m = await GPT.create(config, { seed: 1 });
    m.forward({ tokens: [1, 2], B: 1, T: 2 }); // activations allocated up front
    const before = m.kernels.arena.used;
    expect([...generate(m, [1, 2], { maxTokens: 5 })]).toHaveLength(5);
    expect(m.kernels.arena.used).toBe(before);
    for (const _ of generate(m, [1, 2], { maxTokens: 5 })) break;
    expect(m.kernels.arena.used).toBe(before);
    expect(() => [...generate(m, [1, 99], { maxTokens: 5 })]).toThrow(/outside the vocabulary/);
    expect(m.kernels.arena.used).toBe(before);
    expect(m.kernels.arena.scopedBytes).toBeGreaterThan(0); // the activations' scope, nothing else
  });

  it('an InferenceSession frees its cache on dispose() and refuses to run afterwards', async () => {
    const m = await GPT.create(config, { seed: 1 });
    const before = m.kernels.arena.used;
    const session = new InferenceSession(m);
    session.push(3);
    expect(m.kernels.arena.used).toBeGreaterThan(before);
    session.dispose();
    expect(m.kernels.arena.used).toBe(before);
    expect(() => session.push(3)).toThrow(/after dispose/);
  });

  it('regrowing the activations frees the smaller ones', async () => {
    const m = await GPT.create(config, { seed: 1 });
    const arena = m.kernels.arena;
    m.forward({ tokens: new Array(4 * 8).fill(1), B: 4, T: 8 });
    const big = arena.scopedBytes;
    const fresh = await GPT.create(config, { seed: 1 });
    fresh.forward({ tokens: [1], B: 1, T: 1 });
    fresh.forward({ tokens: new Array(2 * 8).fill(1), B: 2, T: 8 });
    fresh.forward({ tokens: new Array(4 * 8).fill(1), B: 4, T: 8 });
    expect(fresh.kernels.arena.scopedBytes).toBe(big);
    fresh.releaseActivations();
    expect(fresh.kernels.arena.scopedBytes).toBe(0);
  });

  it('training: false allocates no gradients or gradient scratch, and computes the same logits', async () => {
    const tokens = [3, 1, 4, 1, 5, 9, 2, 6];
    const targets = [1, 4, 1, 5, 9, 2, 6, 5];
    const trained = await GPT.create(config, { seed: 5, kernels: await createKernels() });
    const frozen = await GPT.create(config, { seed: 5, kernels: await createKernels(), training: false });
    const lossA = trained.forward({ tokens, targets, B: 1, T: 8 });
    const lossB = frozen.forward({ tokens, targets, B: 1, T: 8 });
    expect(lossB).toBe(lossA);
    expect([...frozen.activations!.losses.data]).toEqual([...trained.activations!.losses.data]);
    const paramBytes = trained.params.all.size * 4;
    // Gradients (one parameter block) plus the gradient scratch are absent.
    expect(trained.kernels.arena.used - frozen.kernels.arena.used).toBeGreaterThan(paramBytes);
    expect(() => frozen.grads).toThrow(/training: false/);
    expect(() => frozen.backward()).toThrow(/training: false/);
  });

  it('an inference-only model shares one set of layer buffers, keeping attention per layer only on request', async () => {
    const big = { vocabSize: 11, blockSize: 8, nLayer: 4, nHead: 2, nEmbd: 16 };
    const tokens = [3, 1, 4, 1, 5, 9, 2, 6];
    const trained = await GPT.create(big, { seed: 6 });
    const lean = await GPT.create(big, { seed: 6, training: false });
    trained.forward({ tokens, B: 1, T: 8 });
    lean.forward({ tokens, B: 1, T: 8 });
    expect([...lean.activations!.logits.data]).toEqual([...trained.activations!.logits.data]);
    const shared = lean.kernels.arena.scopedBytes;
    // Per-layer buffers would take at least nLayer × (16 C) floats per position; shared, one set.
    expect(shared).toBeLessThan(trained.kernels.arena.scopedBytes / 3);
    // Asking for the attention maps gives every layer its own, equal to the training model's.
    lean.forward({ tokens, B: 1, T: 8 }, { keepAttention: true });
    for (let l = 0; l < big.nLayer; l++) {
      expect([...lean.activations!.layers[l].att.data]).toEqual([...trained.activations!.layers[l].att.data]);
    }
    expect(lean.activations!.layers[0].att.ptr).not.toBe(lean.activations!.layers[1].att.ptr);
    expect([...lean.activations!.logits.data]).toEqual([...trained.activations!.logits.data]);
  });
});
