// AdamW with decoupled weight decay.

import { describe, expect, it } from 'vitest';
import type { Allocator, Kernels } from '../dist/index.js';
import { AWKWARD, expectClose, IMPLS, kernels, put, randn, segmentLayout, twins } from './helpers.js';

const HYPER = { lr: 0.1, beta1: 0.9, beta2: 0.99, eps: 1e-8 };

/** Parameters P, gradients G and zero moments, in `mem`. */
function state(mem: Allocator, P: Float32Array, G: Float32Array) {
  return { p: put(mem, P), g: put(mem, G), m: mem.alloc([P.length]), v: mem.alloc([P.length]) };
}

/** One AdamW step (weight decay 0.1) over a state. */
function update(k: Kernels, t: ReturnType<typeof state>, step: number, clearGrads = false): void {
  const { p, g, m, v } = t;
  k.adamw({
    params: p.ptr,
    grads: g.ptr,
    m: m.ptr,
    v: v.ptr,
    n: p.size,
    ...HYPER,
    weightDecay: 0.1,
    step,
    clearGrads,
  });
}

describe.each(IMPLS)('adamw (%s) on hand-computed values', (impl) => {
  it('moves each parameter by lr·sign(g) on step 1 (bias-corrected m̂/√v̂ = ±1)', async () => {
    const k = await kernels(impl);
    const p = put(k, [1, 1, 1]);
    const g = put(k, [0.5, -2, 0]);
    const m = k.arena.alloc([3]);
    const v = k.arena.alloc([3]);
    k.adamw({ params: p.ptr, grads: g.ptr, m: m.ptr, v: v.ptr, n: 3, ...HYPER, weightDecay: 0, step: 1 });
    expectClose(p.data, [0.9, 1.1, 1], 1e-6, 1e-6);
    expectClose(m.data, [0.05, -0.2, 0], 1e-6, 0);
    expectClose(v.data, [0.0025, 0.04, 0], 1e-5, 0);
  });

  it('decays weights by lr·wd·p, independently of the gradient (decoupled)', async () => {
    const k = await kernels(impl);
    const p = put(k, [2]);
    const g = put(k, [0]);
    const m = k.arena.alloc([1]);
    const v = k.arena.alloc([1]);
    k.adamw({ params: p.ptr, grads: g.ptr, m: m.ptr, v: v.ptr, n: 1, ...HYPER, weightDecay: 0.5, step: 1 });
    expect(p.data[0]).toBeCloseTo(2 - 0.1 * 0.5 * 2, 6);
  });
});

describe('adamw: wasm against the reference', () => {
  it('agrees over five steps on awkward lengths, with and without decay', async () => {
    const { wasm, ref } = await twins();
    let seed = 70;
    for (const n of [...AWKWARD, 1001]) {
      const P = randn(n, seed++);
      const grads = [1, 2, 3, 4, 5].map(() => randn(n, seed++));
      const got: Float32Array[] = [];
      for (const k of [wasm, ref]) {
        const mem = k.arena.scope();
        const t = state(mem, P, new Float32Array(n));
        grads.forEach((G, i) => {
          t.g.data.set(G);
          update(k, t, i + 1);
        });
        got.push(Float32Array.from([...t.p.data, ...t.m.data, ...t.v.data]));
        mem.dispose();
      }
      expectClose(got[0], got[1], 1e-5, 1e-6);
    }
  });
});

describe.each(IMPLS)('adamw (%s) with clearGrads', (impl) => {
  it('leaves every gradient zero and the update bit for bit what it is without', async () => {
    const k = await kernels(impl);
    for (const n of [...AWKWARD, 1001]) {
      const P = randn(n, n);
      const G = randn(n, n + 1);
      const runs = [false, true].map((clearGrads) => {
        const mem = k.arena.scope();
        try {
          const t = state(mem, P, G);
          update(k, t, 1, clearGrads);
          return { out: Float32Array.from([...t.p.data, ...t.m.data, ...t.v.data]), g: t.g.data.slice() };
        } finally {
          mem.dispose();
        }
      });
      expect(runs[1].out).toEqual(runs[0].out);
      expect(runs[0].g).toEqual(G);
      expect(runs[1].g.every((x) => Object.is(x, 0))).toBe(true);
    }
  });
});

describe.each(IMPLS)('adamw (%s) over segments', (impl) => {
  it('updates each segment as a call of its own would, bit for bit, and leaves the padding alone', async () => {
    const k = await kernels(impl);
    const { segments, n } = segmentLayout([5, 3, 40_000, 7, 16, 1]);
    const [P, G] = [randn(n, 91), randn(n, 92)];
    const mem = k.arena.scope();
    try {
      const [one, each] = [state(mem, P, G), state(mem, P, G)];
      const args = (t: typeof one, at = 0) => ({
        params: t.p.ptr + 4 * at,
        grads: t.g.ptr + 4 * at,
        m: t.m.ptr + 4 * at,
        v: t.v.ptr + 4 * at,
        ...HYPER,
        weightDecay: 0.1,
        clearGrads: true,
      });
      for (const step of [1, 2]) {
        k.adamw({ ...args(one), n, step, segments });
        for (const s of segments)
          k.adamw({ ...args(each, s.offset), n: s.size, step, weightDecay: s.decay ? 0.1 : 0 });
      }
      expect(one.p.data).toEqual(each.p.data);
      expect(one.m.data).toEqual(each.m.data);
      expect(one.v.data).toEqual(each.v.data);
      expect(one.g.data).toEqual(each.g.data);
      const pad = segments[0]!.offset + segments[0]!.size; // the first padding value
      expect([one.p.data[pad], one.g.data[pad]]).toEqual([P[pad], G[pad]]);
    } finally {
      mem.dispose();
    }
  });

  it('refuses a segment off the 4-float grid or past n', async () => {
    const k = await kernels(impl);
    const base = { params: 0, grads: 0, m: 0, v: 0, n: 16, ...HYPER, weightDecay: 0, step: 1 };
    expect(() => k.adamw({ ...base, segments: [{ offset: 2, size: 4, decay: true }] })).toThrow(
      /multiple of 4/,
    );
    expect(() => k.adamw({ ...base, segments: [{ offset: 12, size: 8, decay: true }] })).toThrow(
      /within n = 16/,
    );
  });
});
