// The reference causal self-attention, the readable version of what gpt/layers/attention.ts
// computes with the kernels. Shapes: qkv (B, T, 3C) holding q, k, v side by side, each split into
// nHead heads of hs = C / nHead; att (B, nHead, T, T); out (B, T, C).
//   score[t, u] = q[t]·k[u] / √hs for u ≤ t (the future is masked)
//   att[t, ·]   = softmax(score[t, ·])
//   out[t]      = Σ_{u ≤ t} att[t, u]·v[u]
// Backward: datt[t, u] = dy[t]·v[u];  dv[u] += att[t, u]·dy[t];
//   dscore = att·(datt − Σ att·datt)/√hs;  dq[t] += Σ_u dscore[t, u]·k[u];  dk[u] += dscore[t, u]·q[t]

import type { Arena, Ptr } from '../arena.js';

export function attentionForward(
  arena: Arena,
  out: Ptr,
  att: Ptr,
  qkv: Ptr,
  B: number,
  T: number,
  C: number,
  nHead: number,
): void {
  const f = arena.f32;
  const hs = C / nHead;
  const scale = 1 / Math.sqrt(hs);
  // Element (b, t, part, h, d) of qkv, part 0 = q, 1 = k, 2 = v.
  const at = (b: number, t: number, part: number, h: number, d: number) =>
    f[(qkv >> 2) + (b * T + t) * 3 * C + part * C + h * hs + d];
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < nHead; h++) {
      const a = (att >> 2) + (b * nHead + h) * T * T;
      for (let t = 0; t < T; t++) {
        const scores = Array.from({ length: t + 1 }, (_, u) => {
          let s = 0;
          for (let d = 0; d < hs; d++) s += at(b, t, 0, h, d) * at(b, u, 1, h, d);
          return s * scale;
        });
        const max = Math.max(...scores);
        const sum = scores.reduce((acc, s) => acc + Math.exp(s - max), 0);
        for (let u = 0; u < T; u++) f[a + t * T + u] = u <= t ? Math.exp(scores[u] - max) / sum : 0;
        for (let d = 0; d < hs; d++) {
          let y = 0;
          for (let u = 0; u <= t; u++) y += f[a + t * T + u] * at(b, u, 2, h, d);
          f[(out >> 2) + (b * T + t) * C + h * hs + d] = y;
        }
      }
    }
  }
}

export function attentionBackward(
  arena: Arena,
  dqkv: Ptr,
  datt: Ptr,
  dout: Ptr,
  qkv: Ptr,
  att: Ptr,
  B: number,
  T: number,
  C: number,
  nHead: number,
): void {
  const f = arena.f32;
  const hs = C / nHead;
  const scale = 1 / Math.sqrt(hs);
  const idx = (b: number, t: number, part: number, h: number, d: number) =>
    (b * T + t) * 3 * C + part * C + h * hs + d;
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < nHead; h++) {
      const a = (att >> 2) + (b * nHead + h) * T * T;
      const g = (datt >> 2) + (b * nHead + h) * T * T;
      const dy = (t: number, d: number) => f[(dout >> 2) + (b * T + t) * C + h * hs + d];
      // This head's columns of dq, dk and dv are written, not added to: start them at zero.
      for (let t = 0; t < T; t++)
        for (let part = 0; part < 3; part++)
          for (let d = 0; d < hs; d++) f[(dqkv >> 2) + idx(b, t, part, h, d)] = 0;
      for (let t = 0; t < T; t++) {
        // ∂L/∂att[t, u] = dy[t]·v[u];  dv[u] += att[t, u]·dy[t]
        for (let u = 0; u <= t; u++) {
          let s = 0;
          for (let d = 0; d < hs; d++) {
            s += dy(t, d) * f[(qkv >> 2) + idx(b, u, 2, h, d)];
            f[(dqkv >> 2) + idx(b, u, 2, h, d)] += f[a + t * T + u] * dy(t, d);
          }
          f[g + t * T + u] = s;
        }
        // Through the softmax: ∂L/∂score[t, u] = att·(datt − Σ att·datt), times the 1/√hs scale.
        let dot = 0;
        for (let u = 0; u <= t; u++) dot += f[a + t * T + u] * f[g + t * T + u];
        for (let u = 0; u < T; u++)
          f[g + t * T + u] = u <= t ? scale * f[a + t * T + u] * (f[g + t * T + u] - dot) : 0;
        // score[t, u] = q[t]·k[u]
        for (let u = 0; u <= t; u++) {
          for (let d = 0; d < hs; d++) {
            f[(dqkv >> 2) + idx(b, t, 0, h, d)] += f[g + t * T + u] * f[(qkv >> 2) + idx(b, u, 1, h, d)];
            f[(dqkv >> 2) + idx(b, u, 1, h, d)] += f[g + t * T + u] * f[(qkv >> 2) + idx(b, t, 0, h, d)];
          }
        }
      }
    }
  }
}
