// Causal multi-head self-attention over a packed qkv buffer, forward and backward side by side.
//   qkv (B, T, 3C): per position [q | k | v], each C = nHead·hs wide; head h uses columns h·hs….
//   att (B, nHead, T, T): softmax(q·kᵀ/√hs) with the future masked — kept for backward and for
//   the attention maps the explorer draws.
//   out (B, T, C): att·v, heads side by side.
// Every product is one matmul on strided views (leading dimension 3C or C), so no head is copied.
// Not handled: dropout, attention masks other than causal, padding inside a batch.

import type { Kernels, Ptr } from '@glassbox/core-wasm';

export interface AttentionShape {
  B: number;
  T: number;
  C: number;
  nHead: number;
}

export function attentionForward(
  k: Kernels,
  out: Ptr,
  att: Ptr,
  qkv: Ptr,
  { B, T, C, nHead }: AttentionShape,
): void {
  const hs = C / nHead;
  const scale = 1 / Math.sqrt(hs);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < nHead; h++) {
      const q = qkv + (b * T * 3 * C + h * hs) * 4;
      const key = q + C * 4;
      const v = q + 2 * C * 4;
      const a = att + (b * nHead + h) * T * T * 4; // (T, T)
      k.matmul({ c: a, a: q, b: key, m: T, k: hs, n: T, transB: true, lda: 3 * C, ldb: 3 * C });
      k.softmaxForward(a, a, T, T, scale, true);
      k.matmul({ c: out + (b * T * C + h * hs) * 4, a, b: v, m: T, k: T, n: hs, ldb: 3 * C, ldc: C });
    }
  }
}

/**
 * dqkv += ∂L/∂qkv given dout = ∂L/∂out. Scratch: datt and dpre, (T, T) each.
 * dv += attᵀ·dout;  datt = dout·vᵀ;  dpre = softmax′(datt)/√hs;  dq += dpre·k;  dk += dpreᵀ·q
 */
export function attentionBackward(
  k: Kernels,
  dqkv: Ptr,
  datt: Ptr,
  dpre: Ptr,
  dout: Ptr,
  qkv: Ptr,
  att: Ptr,
  { B, T, C, nHead }: AttentionShape,
): void {
  const hs = C / nHead;
  const scale = 1 / Math.sqrt(hs);
  const f32 = k.arena.f32;
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < nHead; h++) {
      const col = (b * T * 3 * C + h * hs) * 4;
      const [q, key, v] = [qkv + col, qkv + col + C * 4, qkv + col + 2 * C * 4];
      const [dq, dk, dv] = [dqkv + col, dqkv + col + C * 4, dqkv + col + 2 * C * 4];
      const a = att + (b * nHead + h) * T * T * 4;
      const dy = dout + (b * T * C + h * hs) * 4;
      k.matmul({ c: datt, a: dy, b: v, m: T, k: hs, n: T, transB: true, lda: C, ldb: 3 * C });
      k.matmul({
        c: dv,
        a,
        b: dy,
        m: T,
        k: T,
        n: hs,
        transA: true,
        accumulate: true,
        lda: T,
        ldb: C,
        ldc: 3 * C,
      });
      f32.fill(0, dpre >> 2, (dpre >> 2) + T * T);
      k.softmaxBackward(dpre, a, datt, T, T, scale, true);
      k.matmul({ c: dq, a: dpre, b: key, m: T, k: T, n: hs, accumulate: true, ldb: 3 * C, ldc: 3 * C });
      k.matmul({
        c: dk,
        a: dpre,
        b: q,
        m: T,
        k: T,
        n: hs,
        transA: true,
        accumulate: true,
        ldb: 3 * C,
        ldc: 3 * C,
      });
    }
  }
}
