// Causal self-attention forward and backward on both implementations: hand-computed cases,
// wasm against the reference on awkward shapes, and the backward pass against finite differences.

import { describe, expect, it } from 'vitest';
import { expectClose, finiteDiff, IMPLS, kernels, put, randn, twins } from './helpers.js';

describe.each(IMPLS)('attention (%s) on hand-computed values', (impl) => {
  it('attends only to itself at the first position and averages equal keys', async () => {
    const k = await kernels(impl);
    // B = 1, T = 2, C = 2, one head. Position 0 can only see itself; identical keys at position 1
    // give equal weights, so out[1] is the mean of the two values.
    const qkv = put(k, [1, 0, 1, 1, 10, 20, /* t=1 */ 0, 1, 1, 1, 30, 40]);
    const att = k.arena.alloc([4]);
    const out = k.arena.alloc([4]);
    k.attentionForward(out.ptr, att.ptr, qkv.ptr, 1, 2, 2, 1);
    expectClose(att.data, [1, 0, 0.5, 0.5], 1e-6, 1e-7);
    expectClose(out.data, [10, 20, 20, 30], 1e-6, 1e-6);
  });
});

describe('attention: wasm against the reference', () => {
  it('agrees forward and backward on awkward shapes', async () => {
    const { wasm, ref } = await twins();
    let seed = 80;
    for (const [B, T, C, nh] of [
      [1, 1, 4, 1],
      [2, 5, 6, 2],
      [1, 17, 9, 3],
      [3, 8, 12, 4],
      [2, 260, 8, 2], // longer than the threads' own (T, T) scratch: the pairs' slots of datt
      [1, 70, 80, 2], // heads of 40: the general matmul path with its causal shortcuts
      [1, 300, 80, 2], // … over two blocks of k (the second starts mid-triangle)
    ]) {
      const QKV = randn(B * T * 3 * C, seed++);
      const DOUT = randn(B * T * C, seed++);
      const D0 = randn(B * T * 3 * C, seed++);
      const got: Float32Array[] = [];
      for (const k of [wasm, ref]) {
        const mem = k.arena.scope();
        const qkv = put(mem, QKV);
        const dout = put(mem, DOUT);
        const dqkv = put(mem, D0);
        const att = mem.alloc([B * nh * T * T]);
        const datt = mem.alloc([B * nh * T * T]);
        const out = mem.alloc([B * T * C]);
        k.attentionForward(out.ptr, att.ptr, qkv.ptr, B, T, C, nh);
        k.attentionBackward(dqkv.ptr, datt.ptr, dout.ptr, qkv.ptr, att.ptr, B, T, C, nh);
        got.push(Float32Array.from([...out.data, ...att.data, ...dqkv.data]));
        mem.dispose();
      }
      expectClose(got[0], got[1], 1e-4, 1e-5);
    }
  });
});

describe.each(IMPLS)('attention backward (%s) against finite differences', (impl) => {
  it('matches ∂L/∂qkv for L = Σ r ⊙ attention(qkv)', async () => {
    const k = await kernels(impl);
    const [B, T, C, nh] = [2, 4, 6, 2];
    const qkv = put(k, randn(B * T * 3 * C, 5));
    const R = randn(B * T * C, 6);
    const r = put(k, R);
    const att = k.arena.alloc([B * nh * T * T]);
    const datt = k.arena.alloc([B * nh * T * T]);
    const out = k.arena.alloc([B * T * C]);
    const dqkv = k.arena.alloc([B * T * 3 * C]);
    const loss = () => {
      k.attentionForward(out.ptr, att.ptr, qkv.ptr, B, T, C, nh);
      return out.data.reduce((s, v, i) => s + v * R[i], 0);
    };
    loss();
    k.attentionBackward(dqkv.ptr, datt.ptr, r.ptr, qkv.ptr, att.ptr, B, T, C, nh);
    const numeric = Array.from({ length: qkv.size }, (_, i) => finiteDiff(qkv.data, i, loss));
    expectClose(dqkv.data, numeric, 2e-2, 3e-3);
    expect(Math.max(...numeric.map(Math.abs))).toBeGreaterThan(0.1);
  });
});
