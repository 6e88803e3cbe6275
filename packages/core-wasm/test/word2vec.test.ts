// word2vec kernels: hand-computed values and finite differences of the negative-sampling loss on
// both implementations, then wasm against the reference on awkward sizes. Both implementations
// draw the same random numbers, so their examples, counts and final RNG state agree exactly and
// their vectors agree up to float rounding.

import { describe, expect, it } from 'vitest';
import { createWord2VecKernels } from '../dist/index.js';
import { AWKWARD, expectClose, IMPLS, randInts, randn, rng } from './helpers.js';
import { layOut, train } from './word2vec-helpers.js';

const MODELS = ['skipgram', 'cbow'] as const;
const SEED_STATE: [number, number, number, number] = [0x9e3779b9, 0x243f6a88, 0xb7e15162, 0x12345678];

describe.each(IMPLS)('word2vec (%s) on hand-computed values', (impl) => {
  it('starts at (1 + negative)·ln 2 per example when the output vectors are zero', async () => {
    for (const model of MODELS) {
      const k = await createWord2VecKernels(impl);
      // Noise is a point mass on word 4, which is not in the sentence, so every draw is a negative.
      const laid = layOut(k, {
        syn0: randn(5 * 3, 1, 0.3),
        syn1: new Float32Array(5 * 3),
        dim: 3,
        sentences: [[0, 1, 2]],
        aliasProb: [0, 0, 0, 0, 0],
        aliasIdx: [4, 4, 4, 4, 4],
        window: 1,
        negative: 5,
        alpha: 0,
        rng: SEED_STATE,
      });
      train(k, model, laid);
      const st = laid.stats();
      // skip-gram: pairs (0,1), (1,0), (1,2), (2,1); CBOW: one example per word.
      expect(st.examples).toBe(model === 'skipgram' ? 4 : 3);
      expect(st.kept).toBe(3);
      expect(st.lossSum / st.examples).toBeCloseTo(6 * Math.LN2, 6);
    }
  });

  it('takes one SGD step of α/2 on the positive target from zero output vectors', async () => {
    const k = await createWord2VecKernels(impl);
    const syn0 = Float32Array.from([1, 2, 3, -1, 0.5, 4]); // 2 words × 3
    const laid = layOut(k, {
      syn0,
      syn1: new Float32Array(6),
      dim: 3,
      sentences: [[0, 1]],
      window: 1,
      negative: 0,
      alpha: 0.1,
      rng: SEED_STATE,
    });
    k.skipGram(laid.batch);
    // Example (center 0, context 1): σ(0) = ½, so syn1[0] += 0.1·½·syn0[1]; syn0[1] gets 0·syn1 = 0.
    // Example (center 1, context 0): syn1[1] += 0.05·syn0[0].
    expectClose(laid.syn1(), [-0.05, 0.025, 0.2, 0.05, 0.1, 0.15], 1e-6, 1e-7);
    expectClose(laid.syn0(), syn0, 0, 0);
    expect(laid.stats().lossSum).toBeCloseTo(2 * Math.LN2, 6);
  });

  it('drops the words whose keep threshold is zero and keeps the rest', async () => {
    const k = await createWord2VecKernels(impl);
    const laid = layOut(k, {
      syn0: randn(4 * 4, 2, 0.1),
      syn1: new Float32Array(16),
      dim: 4,
      sentences: [
        [0, 1, 2, 3, 1, 1],
        [1, 3],
      ],
      keep: [0xffffffff, 0, 0xffffffff, 0x7fffffff],
      window: 2,
      negative: 1,
      alpha: 0.025,
      rng: SEED_STATE,
    });
    k.cbow(laid.batch);
    const kept = laid.stats().kept;
    // 0 and 2 always stay, the three 1s always go; each 3 stays with probability ½.
    expect(kept).toBeGreaterThanOrEqual(2);
    expect(kept).toBeLessThanOrEqual(4);
  });
});

describe.each(IMPLS)('word2vec (%s) against finite differences of the loss', (impl) => {
  it.each(MODELS)('%s: the update is −α times the gradient', async (model) => {
    const k = await createWord2VecKernels(impl);
    const V = 6;
    const dim = 5;
    const s0 = randn(V * dim, 11, 0.5);
    const s1 = randn(V * dim, 12, 0.5);
    // CBOW: two words, window 1, so each example has one context word and the update (which gives
    // every context word the whole error) equals the gradient. Skip-gram: three words.
    const sentence = model === 'cbow' ? [0, 3] : [0, 3, 5];
    const laid = layOut(k, {
      syn0: s0,
      syn1: s1,
      dim,
      sentences: [sentence],
      window: 1,
      negative: 3,
      alpha: 0,
      rng: SEED_STATE,
    });
    const loss = (a: Float32Array, b: Float32Array) => {
      laid.batch.alpha = 0;
      laid.reset(a, b, SEED_STATE);
      train(k, model, laid);
      return laid.stats().lossSum;
    };
    const alpha = 1e-3;
    laid.batch.alpha = alpha;
    laid.reset(s0, s1, SEED_STATE);
    train(k, model, laid);
    const step0 = laid.syn0().map((x, i) => (x - s0[i]) / -alpha);
    const step1 = laid.syn1().map((x, i) => (x - s1[i]) / -alpha);
    const fd = (x: Float32Array, i: number, other: Float32Array, first: boolean) => {
      const h = 1e-2;
      const up = x.slice();
      up[i] += h;
      const down = x.slice();
      down[i] -= h;
      const [u, d] = first ? [loss(up, other), loss(down, other)] : [loss(other, up), loss(other, down)];
      return (u - d) / (2 * h);
    };
    const g0 = s0.map((_, i) => fd(s0, i, s1, true));
    const g1 = s1.map((_, i) => fd(s1, i, s0, false));
    expect(Math.max(...g1.map(Math.abs))).toBeGreaterThan(0.05); // the check is not vacuous
    expectClose(step0, g0, 2e-2, 2e-3);
    expectClose(step1, g1, 2e-2, 2e-3);
  });
});

describe('word2vec: wasm against the reference', () => {
  it.each(MODELS)('%s agrees on awkward widths, windows and vocabularies', async (model) => {
    const wasm = await createWord2VecKernels('wasm');
    const ref = await createWord2VecKernels('reference');
    let seed = 100;
    for (const dim of [...AWKWARD, 100]) {
      const r = rng(seed++);
      const V = 2 + Math.floor(r() * 30);
      const sentences = Array.from({ length: 7 }, () => [...randInts(Math.floor(r() * 25), V, seed++)]);
      const spec = {
        syn0: randn(V * dim, seed++, 0.5 / dim),
        syn1: randn(V * dim, seed++, 0.1),
        dim,
        sentences,
        keep: Array.from({ length: V }, () => (r() < 0.3 ? 0xffffffff : Math.floor(r() * 2 ** 32))),
        aliasProb: Array.from({ length: V }, () => Math.floor(r() * 2 ** 32)),
        aliasIdx: [...randInts(V, V, seed++)],
        window: 1 + Math.floor(r() * 6),
        negative: Math.floor(r() * 7),
        alpha: 0.025,
        rng: SEED_STATE,
      };
      const a = layOut(wasm, spec);
      const b = layOut(ref, spec);
      train(wasm, model, a);
      train(ref, model, b);
      expect(a.rng()).toEqual(b.rng());
      const [sa, sb] = [a.stats(), b.stats()];
      expect(sa.examples).toBe(sb.examples);
      expect(sa.kept).toBe(sb.kept);
      expect(Math.abs(sa.lossSum - sb.lossSum)).toBeLessThanOrEqual(1e-5 * (1 + sb.lossSum));
      expectClose(a.syn0(), b.syn0(), 1e-4, 1e-5);
      expectClose(a.syn1(), b.syn1(), 1e-4, 1e-5);
    }
  });

  it('continues one random stream across calls, as a single call would', async () => {
    const k = await createWord2VecKernels('wasm');
    const spec = {
      syn0: randn(10 * 8, 5, 0.1),
      syn1: randn(10 * 8, 6, 0.1),
      dim: 8,
      sentences: [[...randInts(30, 10, 7)], [...randInts(20, 10, 8)]],
      window: 3,
      negative: 4,
      alpha: 0.02,
      rng: SEED_STATE,
    };
    const whole = layOut(k, spec);
    k.skipGram(whole.batch);
    const split = layOut(k, spec);
    k.skipGram({ ...split.batch, sentences: 1 });
    k.skipGram({ ...split.batch, starts: split.batch.starts + 4, sentences: 1 });
    expect(split.rng()).toEqual(whole.rng());
    expectClose(split.syn0(), whole.syn0(), 0, 0);
    expect(split.stats().examples).toBe(whole.stats().examples);
  });
});
