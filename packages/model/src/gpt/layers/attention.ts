// Causal multi-head self-attention, the one place where positions talk to each other.
//
//   qkv (B, T, 3C) = [q | k | v] per position (from attn.c_attn); head h uses columns h·hs … (h+1)·hs
//   of each part, hs = C / nHead.
//   att[b, h, t, u] = softmax_u( q[b, t, h] · k[b, u, h] / √hs )   for u ≤ t (the future is masked)
//   y[b, t, h]      = Σ_u att[b, h, t, u] · v[b, u, h]              y: (B, T, C), heads side by side
//
// Backward (through y = att·v, the softmax and the scores):
//   datt = dy · vᵀ;  dv += attᵀ · dy;  dscore = att ⊙ (datt − Σ_u att·datt) / √hs
//   dq += dscore · k;  dk += dscoreᵀ · q
// The batched forms run on the attention kernels (the readable loop is the reference kernels'
// attention). attendCached is the same formula for new positions t0… against the keys and values
// of every earlier position kept in a cache (generation: one position per step, or a whole prompt
// at once); it writes the new k and v into the cache first.
// Not handled: dropout, relative positions, grouped-query heads.

import type { Kernels, Ptr } from '@glassbox/core-wasm';

export function attentionForward(
  k: Kernels,
  y: Ptr,
  att: Ptr,
  qkv: Ptr,
  B: number,
  T: number,
  C: number,
  nHead: number,
): void {
  k.attentionForward(y, att, qkv, B, T, C, nHead);
}

/** dqkv = ∂L/∂qkv from dy (written, not accumulated); datt (B, nHead, T, T) is scratch. */
export function attentionBackward(
  k: Kernels,
  dqkv: Ptr,
  datt: Ptr,
  dy: Ptr,
  qkv: Ptr,
  att: Ptr,
  B: number,
  T: number,
  C: number,
  nHead: number,
): void {
  k.attentionBackward(dqkv, datt, dy, qkv, att, B, T, C, nHead);
}

/** The key and value cache of one layer: (blockSize, C) each. */
export interface LayerCache {
  keys: Ptr;
  values: Ptr;
}

/**
 * Attention of the n new positions t0 … t0+n−1, whose qkv (n, 3C) were just computed, against the
 * cached keys and values of positions 0 … t0+n−1: writes the new k and v into the cache, then
 * y (n, C). Row i sees positions 0 … t0+i (causal). `scores` is scratch for n·(t0+n) floats.
 * n = 1 is generation's step (every product a matrix-vector one); n > 1 feeds a prompt at once.
 */
export function attendCached(
  k: Kernels,
  y: Ptr,
  qkv: Ptr,
  cache: LayerCache,
  scores: Ptr,
  t0: number,
  n: number,
  C: number,
  nHead: number,
): void {
  const f = k.arena.f32;
  for (let i = 0; i < n; i++) {
    const row = (qkv >> 2) + i * 3 * C;
    f.copyWithin((cache.keys >> 2) + (t0 + i) * C, row + C, row + 2 * C);
    f.copyWithin((cache.values >> 2) + (t0 + i) * C, row + 2 * C, row + 3 * C);
  }
  const hs = C / nHead;
  const L = t0 + n;
  const scale = 1 / Math.sqrt(hs);
  for (let h = 0; h < nHead; h++) {
    // scores (n, L) = q_h · K_hᵀ; row i: softmax over its first t0+i+1 columns, zeros after;
    // then y_h (n, hs) = scores · V_h.
    k.matmul({
      c: scores,
      a: qkv + h * hs * 4,
      b: cache.keys + h * hs * 4,
      m: n,
      k: hs,
      n: L,
      transB: true,
      lda: 3 * C,
      ldb: C,
    });
    for (let i = 0; i < n; i++) {
      const row = scores + i * L * 4;
      const seen = t0 + i + 1;
      k.softmaxForward(row, row, 1, seen, scale);
      if (seen < L) f.fill(0, (row >> 2) + seen, (row >> 2) + L);
    }
    k.matmul({
      c: y + h * hs * 4,
      a: scores,
      b: cache.values + h * hs * 4,
      m: n,
      k: L,
      n: hs,
      ldb: C,
      ldc: C,
    });
  }
}
