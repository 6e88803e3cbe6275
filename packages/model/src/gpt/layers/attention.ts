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
// attention). attendCached is the same formula for ONE new position t against the keys and values
// of positions 0…t kept in a cache (generation): it writes the new k and v into the cache first.
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

/** dqkv += ∂L/∂qkv from dy; datt (B, nHead, T, T) is scratch. */
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
 * Attention of the single position t (0-based) whose qkv (3C) was just computed, against the
 * cached keys and values of positions 0…t. Writes this position's k and v into the cache, then
 * y (C). `scores` is scratch for t + 1 floats.
 */
export function attendCached(
  k: Kernels,
  y: Ptr,
  qkv: Ptr,
  cache: LayerCache,
  scores: Ptr,
  t: number,
  C: number,
  nHead: number,
): void {
  const f = k.arena.f32;
  f.copyWithin((cache.keys >> 2) + t * C, (qkv >> 2) + C, (qkv >> 2) + 2 * C);
  f.copyWithin((cache.values >> 2) + t * C, (qkv >> 2) + 2 * C, (qkv >> 2) + 3 * C);
  const hs = C / nHead;
  for (let h = 0; h < nHead; h++) {
    // scores (1, t+1) = q_h · K_hᵀ / √hs, softmax, then y_h (1, hs) = scores · V_h
    k.matmul({
      c: scores,
      a: qkv + h * hs * 4,
      b: cache.keys + h * hs * 4,
      m: 1,
      k: hs,
      n: t + 1,
      transB: true,
      ldb: C,
    });
    k.softmaxForward(scores, scores, 1, t + 1, 1 / Math.sqrt(hs));
    k.matmul({ c: y + h * hs * 4, a: scores, b: cache.values + h * hs * 4, m: 1, k: t + 1, n: hs, ldb: C });
  }
}
