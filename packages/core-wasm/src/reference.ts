// The reference twin: every kernel written the plain way, in TypeScript over Float32Array views
// of the same arena, with f64 intermediates. It is the yardstick the wasm kernels are tested
// against, and is itself checked against hand-computed values. Slow on purpose: clarity first.

import type { Arena, Ptr } from './arena.js';
import { type AdamWArgs, adamBiasCorrections, type Kernels, type MatmulArgs } from './kernels.js';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const GELU_A = 0.044715;

export class ReferenceKernels implements Kernels {
  readonly impl = 'reference' as const;
  readonly threads = 1;
  constructor(readonly arena: Arena) {}

  dispose(): void {}

  private get f(): Float32Array {
    return this.arena.f32;
  }
  private get i(): Int32Array {
    return this.arena.i32;
  }

  matmul({ c, a, b, bias = 0, m, k, n, transA, transB, accumulate, lda, ldb, ldc }: MatmulArgs): void {
    const f = this.f;
    const la = lda ?? (transA ? m : k);
    const lb = ldb ?? (transB ? k : n);
    const lc = ldc ?? n;
    const A = (i: number, p: number) => f[(a >> 2) + (transA ? p * la + i : i * la + p)];
    const B = (p: number, j: number) => f[(b >> 2) + (transB ? j * lb + p : p * lb + j)];
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = bias ? f[(bias >> 2) + j] : 0;
        for (let p = 0; p < k; p++) s += A(i, p) * B(p, j);
        const at = (c >> 2) + i * lc + j;
        f[at] = accumulate ? f[at] + s : s;
      }
    }
  }

  softmaxForward(out: Ptr, inp: Ptr, rows: number, cols: number, scale = 1, causal = false): void {
    const f = this.f;
    for (let r = 0; r < rows; r++) {
      const x = (inp >> 2) + r * cols;
      const y = (out >> 2) + r * cols;
      const seen = causal ? (r % cols) + 1 : cols;
      let max = -Infinity;
      for (let j = 0; j < seen; j++) max = Math.max(max, f[x + j] * scale);
      let sum = 0;
      for (let j = 0; j < seen; j++) sum += Math.exp(f[x + j] * scale - max);
      for (let j = 0; j < cols; j++) f[y + j] = j < seen ? Math.exp(f[x + j] * scale - max) / sum : 0;
    }
  }

  softmaxBackward(
    dinp: Ptr,
    out: Ptr,
    dout: Ptr,
    rows: number,
    cols: number,
    scale = 1,
    causal = false,
  ): void {
    const f = this.f;
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      const seen = causal ? (r % cols) + 1 : cols;
      let dot = 0;
      for (let j = 0; j < seen; j++) dot += f[(out >> 2) + o + j] * f[(dout >> 2) + o + j];
      for (let j = 0; j < seen; j++) {
        f[(dinp >> 2) + o + j] += scale * f[(out >> 2) + o + j] * (f[(dout >> 2) + o + j] - dot);
      }
    }
  }

  crossEntropyForward(
    probs: Ptr,
    losses: Ptr,
    logits: Ptr,
    targets: Ptr,
    rows: number,
    vocab: number,
  ): number {
    const f = this.f;
    let total = 0;
    let count = 0;
    for (let r = 0; r < rows; r++) {
      const x = f.slice((logits >> 2) + r * vocab, (logits >> 2) + (r + 1) * vocab); // copy: probs may alias
      const target = this.i[(targets >> 2) + r];
      let max = -Infinity;
      for (let j = 0; j < vocab; j++) max = Math.max(max, x[j]);
      let sum = 0;
      for (let j = 0; j < vocab; j++) sum += Math.exp(x[j] - max);
      for (let j = 0; j < vocab; j++) f[(probs >> 2) + r * vocab + j] = Math.exp(x[j] - max) / sum;
      const loss = target >= 0 ? Math.log(sum) + max - x[target] : 0;
      f[(losses >> 2) + r] = loss;
      if (target >= 0) {
        total += Math.fround(loss);
        count++;
      }
    }
    return count > 0 ? total / count : 0;
  }

  crossEntropyBackward(
    dlogits: Ptr,
    probs: Ptr,
    targets: Ptr,
    rows: number,
    vocab: number,
    scale: number,
  ): void {
    const f = this.f;
    for (let r = 0; r < rows; r++) {
      const target = this.i[(targets >> 2) + r];
      for (let j = 0; j < vocab; j++) {
        const p = f[(probs >> 2) + r * vocab + j];
        f[(dlogits >> 2) + r * vocab + j] = target < 0 ? 0 : (p - (j === target ? 1 : 0)) * scale;
      }
    }
  }

  layernormForward(
    out: Ptr,
    mean: Ptr,
    rstd: Ptr,
    inp: Ptr,
    weight: Ptr,
    bias: Ptr,
    rows: number,
    C: number,
    eps = 1e-5,
  ): void {
    const f = this.f;
    for (let r = 0; r < rows; r++) {
      const x = (inp >> 2) + r * C;
      let m = 0;
      for (let j = 0; j < C; j++) m += f[x + j];
      m /= C;
      let v = 0;
      for (let j = 0; j < C; j++) v += (f[x + j] - m) ** 2;
      const s = 1 / Math.sqrt(v / C + eps);
      for (let j = 0; j < C; j++) {
        f[(out >> 2) + r * C + j] = (f[x + j] - m) * s * f[(weight >> 2) + j] + f[(bias >> 2) + j];
      }
      f[(mean >> 2) + r] = m;
      f[(rstd >> 2) + r] = s;
    }
  }

  layernormBackward(
    dinp: Ptr,
    dweight: Ptr,
    dbias: Ptr,
    dout: Ptr,
    inp: Ptr,
    weight: Ptr,
    mean: Ptr,
    rstd: Ptr,
    rows: number,
    C: number,
  ): void {
    const f = this.f;
    for (let r = 0; r < rows; r++) {
      const m = f[(mean >> 2) + r];
      const s = f[(rstd >> 2) + r];
      const norm = (j: number) => (f[(inp >> 2) + r * C + j] - m) * s;
      const dy = (j: number) => f[(dout >> 2) + r * C + j];
      let meanG = 0;
      let meanGN = 0;
      for (let j = 0; j < C; j++) {
        const g = dy(j) * f[(weight >> 2) + j];
        meanG += g / C;
        meanGN += (g * norm(j)) / C;
      }
      for (let j = 0; j < C; j++) {
        const g = dy(j) * f[(weight >> 2) + j];
        f[(dbias >> 2) + j] += dy(j);
        f[(dweight >> 2) + j] += dy(j) * norm(j);
        f[(dinp >> 2) + r * C + j] += (g - meanG - norm(j) * meanGN) * s;
      }
    }
  }

  geluForward(out: Ptr, inp: Ptr, n: number): void {
    const f = this.f;
    for (let j = 0; j < n; j++) {
      const x = f[(inp >> 2) + j];
      f[(out >> 2) + j] = 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + GELU_A * x ** 3)));
    }
  }

  geluBackward(dinp: Ptr, inp: Ptr, dout: Ptr, n: number): void {
    const f = this.f;
    for (let j = 0; j < n; j++) {
      const x = f[(inp >> 2) + j];
      const t = Math.tanh(SQRT_2_OVER_PI * (x + GELU_A * x ** 3));
      const local = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * GELU_A * x * x);
      f[(dinp >> 2) + j] += local * f[(dout >> 2) + j];
    }
  }

  add(out: Ptr, a: Ptr, b: Ptr, n: number): void {
    const f = this.f;
    for (let j = 0; j < n; j++) f[(out >> 2) + j] = f[(a >> 2) + j] + f[(b >> 2) + j];
  }

  scale(x: Ptr, n: number, s: number): void {
    const f = this.f;
    for (let j = 0; j < n; j++) f[(x >> 2) + j] *= s;
  }

  columnSums(out: Ptr, inp: Ptr, rows: number, cols: number): void {
    const f = this.f;
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let r = 0; r < rows; r++) s += f[(inp >> 2) + r * cols + j];
      f[(out >> 2) + j] += s;
    }
  }

  sumSquares(x: Ptr, n: number): number {
    const f = this.f;
    let s = 0;
    for (let j = 0; j < n; j++) s += f[(x >> 2) + j] ** 2;
    return s;
  }

  gather(out: Ptr, table: Ptr, ids: Ptr, n: number, C: number): void {
    const f = this.f;
    for (let r = 0; r < n; r++) {
      const id = this.i[(ids >> 2) + r];
      for (let j = 0; j < C; j++) f[(out >> 2) + r * C + j] = f[(table >> 2) + id * C + j];
    }
  }

  scatterAdd(dtable: Ptr, dout: Ptr, ids: Ptr, n: number, C: number): void {
    const f = this.f;
    for (let r = 0; r < n; r++) {
      const id = this.i[(ids >> 2) + r];
      for (let j = 0; j < C; j++) f[(dtable >> 2) + id * C + j] += f[(dout >> 2) + r * C + j];
    }
  }

  adamw({ params, grads, m, v, n, lr, beta1, beta2, eps, weightDecay, step }: AdamWArgs): void {
    const f = this.f;
    const [bc1, bc2] = adamBiasCorrections(beta1, beta2, step);
    for (let j = 0; j < n; j++) {
      const g = f[(grads >> 2) + j];
      const mj = beta1 * f[(m >> 2) + j] + (1 - beta1) * g;
      const vj = beta2 * f[(v >> 2) + j] + (1 - beta2) * g * g;
      f[(m >> 2) + j] = mj;
      f[(v >> 2) + j] = vj;
      const p = f[(params >> 2) + j];
      f[(params >> 2) + j] = p - lr * (mj / bc1 / (Math.sqrt(vj / bc2) + eps) + weightDecay * p);
    }
  }

  attentionForward(out: Ptr, att: Ptr, qkv: Ptr, B: number, T: number, C: number, nHead: number): void {
    const f = this.f;
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

  attentionBackward(
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
    const f = this.f;
    const hs = C / nHead;
    const scale = 1 / Math.sqrt(hs);
    const idx = (b: number, t: number, part: number, h: number, d: number) =>
      (b * T + t) * 3 * C + part * C + h * hs + d;
    for (let b = 0; b < B; b++) {
      for (let h = 0; h < nHead; h++) {
        const a = (att >> 2) + (b * nHead + h) * T * T;
        const g = (datt >> 2) + (b * nHead + h) * T * T;
        const dy = (t: number, d: number) => f[(dout >> 2) + (b * T + t) * C + h * hs + d];
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
}
