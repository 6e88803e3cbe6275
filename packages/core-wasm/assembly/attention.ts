// Causal multi-head self-attention over a packed qkv buffer, forward and backward, one (batch,
// head) pair at a time — the unit threads share.
//   qkv (B, T, 3C): per position [q | k | v]; head h uses columns h·hs … (h+1)·hs − 1 of each.
//   att (B, nh, T, T): softmax(q·kᵀ/√hs) with the future masked (kept for backward and for the
//   attention maps); out (B, T, C): att·v with the heads side by side.
// Every product is one matmul over strided views (leading dimension 3C or C): no head is copied.
// Backward writes dqkv (every element: each pair writes its own head's columns of q, k and v). A
// pair's (T, T) gradient of the scores is scratch: for T ≤ ATT_T it lives in the thread's own
// scratch, reused pair after pair and so kept in cache (writing each pair's to datt, 16 KiB per
// pair at T = 64, cost 20 % of attention backward on the baby recipe); longer sequences use the
// pair's slot of datt (B, nh, T, T).
// Not handled: dropout, masks other than causal.

import { CAUSAL_A_LOWER, CAUSAL_A_UPPER, CAUSAL_C_LOWER, CAUSAL_NONE, matmulBlock } from './matmul';
import { softmaxForward, zeroFrom } from './softmax';
import { ATT_T, scratchAtt } from './scratch';
import { dotf } from './simd';

@inline function mm(
  c: usize, a: usize, b: usize, M: i32, K: i32, N: i32, transA: i32, transB: i32, acc: i32, lda: i32, ldb: i32, ldc: i32,
  causal: i32,
): void {
  matmulBlock(c, a, b, 0, M, K, N, transA, transB, acc, lda, ldb, ldc, 0, M, 0, N, causal, 0);
}

export function attentionForwardPairs(out: usize, att: usize, qkv: usize, T: i32, C: i32, nh: i32, p0: i32, p1: i32): void {
  const hs = C / nh;
  const scale = <f32>(1.0 / Math.sqrt(<f64>hs));
  for (let pair = p0; pair < p1; pair++) {
    const b = pair / nh, h = pair % nh;
    const q = qkv + ((<usize>b * T * 3 * C + h * hs) << 2);
    const k = q + (<usize>C << 2);
    const v = q + (<usize>(2 * C) << 2);
    const a = att + (<usize>pair * T * T << 2);
    mm(a, q, k, T, hs, T, 0, 1, 0, 3 * C, 3 * C, T, CAUSAL_C_LOWER); // scores = q·kᵀ, lower triangle
    softmaxForward(a, a, T, T, scale, 1);
    mm(out + ((<usize>b * T * C + h * hs) << 2), a, v, T, T, hs, 0, 0, 0, T, 3 * C, C, CAUSAL_A_LOWER); // att·v
  }
}

export function attentionBackwardPairs(
  dqkv: usize, datt: usize, dout: usize, qkv: usize, att: usize, T: i32, C: i32, nh: i32, p0: i32, p1: i32,
): void {
  const hs = C / nh;
  const scale = <f32>(1.0 / Math.sqrt(<f64>hs));
  for (let pair = p0; pair < p1; pair++) {
    const b = pair / nh, h = pair % nh;
    const col = (<usize>b * T * 3 * C + h * hs) << 2;
    const q = qkv + col, k = q + (<usize>C << 2), v = q + (<usize>(2 * C) << 2);
    const dq = dqkv + col, dk = dq + (<usize>C << 2), dv = dq + (<usize>(2 * C) << 2);
    const a = att + (<usize>pair * T * T << 2);
    const d = T <= ATT_T ? scratchAtt : datt + (<usize>pair * T * T << 2);
    const dy = dout + ((<usize>b * T * C + h * hs) << 2);
    mm(d, dy, v, T, hs, T, 0, 1, 0, C, 3 * C, T, CAUSAL_C_LOWER); // datt = dy·vᵀ, lower triangle
    mm(dv, a, dy, T, T, hs, 1, 0, 0, T, C, 3 * C, CAUSAL_A_UPPER); // dv = attᵀ·dy
    // Softmax backward in place: d ← scale · att ⊙ (d − Σ att·d), row by row (masked entries
    // have att = 0 and get 0).
    const sv = f32x4.splat(scale);
    for (let r = 0; r < T; r++) {
      const y = a + (<usize>r * T << 2), g = d + (<usize>r * T << 2);
      const n = r + 1;
      const dot = dotf(y, g, n);
      const dv = f32x4.splat(dot);
      let i = 0;
      for (; i + 4 <= n; i += 4) {
        const o = <usize>i << 2;
        v128.store(g + o, f32x4.mul(f32x4.mul(sv, v128.load(y + o)), f32x4.sub(v128.load(g + o), dv)));
      }
      for (; i < n; i++) {
        const o = <usize>i << 2;
        store<f32>(g + o, scale * load<f32>(y + o) * (load<f32>(g + o) - dot));
      }
      zeroFrom(g, i, T); // above the diagonal: never computed
    }
    mm(dq, d, k, T, T, hs, 0, 0, 0, T, 3 * C, 3 * C, CAUSAL_A_LOWER); // dq = dpre·k
    mm(dk, d, q, T, T, hs, 1, 0, 0, T, 3 * C, 3 * C, CAUSAL_A_UPPER); // dk = dpreᵀ·q
  }
}

export function attentionForward(out: usize, att: usize, qkv: usize, B: i32, T: i32, C: i32, nh: i32): void {
  attentionForwardPairs(out, att, qkv, T, C, nh, 0, B * nh);
}

export function attentionBackward(dqkv: usize, datt: usize, dout: usize, qkv: usize, att: usize, B: i32, T: i32, C: i32, nh: i32): void {
  attentionBackwardPairs(dqkv, datt, dout, qkv, att, T, C, nh, 0, B * nh);
}
