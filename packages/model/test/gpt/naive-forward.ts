// An independent GPT-2 forward pass for tests: plain loops in f64 straight from the formulas of
// GPT-2 (transformers' modeling_gpt2 as a specification, not its code), over named weight arrays.
// Slow and obviously right; used to check what the kernels compute from loaded Hub files.

export interface NaiveConfig {
  vocabSize: number;
  nLayer: number;
  nHead: number;
  nEmbd: number;
  eps: number;
}

function layerNorm(x: Float64Array, w: Float32Array, b: Float32Array, eps: number): Float64Array {
  const C = x.length;
  let mean = 0;
  for (const v of x) mean += v;
  mean /= C;
  let v = 0;
  for (const xi of x) v += (xi - mean) ** 2;
  const r = 1 / Math.sqrt(v / C + eps);
  return x.map((xi, i) => (xi - mean) * r * w[i] + b[i]);
}

/** y (N) = x (K) · W (K, N) + b (Conv1D layout). */
function linear(x: Float64Array, W: Float32Array, b: Float32Array, N: number): Float64Array {
  const y = Float64Array.from(b);
  for (let k = 0; k < x.length; k++) for (let n = 0; n < N; n++) y[n] += x[k] * W[k * N + n];
  return y;
}

const gelu = (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));

/** Logits (T × V) for one sequence; `w(name)` gives a weight by its GPT-2 name (without "transformer."). */
export function naiveLogits(
  c: NaiveConfig,
  w: (name: string) => Float32Array,
  tokens: number[],
): Float64Array[] {
  const C = c.nEmbd;
  const hs = C / c.nHead;
  const wte = w('wte.weight');
  const wpe = w('wpe.weight');
  let xs = tokens.map((t, p) => Float64Array.from({ length: C }, (_, i) => wte[t * C + i] + wpe[p * C + i]));
  for (let l = 0; l < c.nLayer; l++) {
    const h = (n: string) => w(`h.${l}.${n}`);
    const qkv = xs.map((x) =>
      linear(
        layerNorm(x, h('ln_1.weight'), h('ln_1.bias'), c.eps),
        h('attn.c_attn.weight'),
        h('attn.c_attn.bias'),
        3 * C,
      ),
    );
    const att = xs.map((_, t) => {
      const y = new Float64Array(C);
      for (let hd = 0; hd < c.nHead; hd++) {
        const s = Array.from({ length: t + 1 }, (_, u) => {
          let d = 0;
          for (let i = 0; i < hs; i++) d += qkv[t][hd * hs + i] * qkv[u][C + hd * hs + i];
          return d / Math.sqrt(hs);
        });
        const m = Math.max(...s);
        const e = s.map((v) => Math.exp(v - m));
        const z = e.reduce((a, b) => a + b, 0);
        for (let u = 0; u <= t; u++)
          for (let i = 0; i < hs; i++) y[hd * hs + i] += (e[u] / z) * qkv[u][2 * C + hd * hs + i];
      }
      return y;
    });
    xs = xs.map((x, t) => {
      const a = linear(att[t], h('attn.c_proj.weight'), h('attn.c_proj.bias'), C);
      const r2 = x.map((v, i) => v + a[i]);
      const f = linear(
        layerNorm(r2, h('ln_2.weight'), h('ln_2.bias'), c.eps),
        h('mlp.c_fc.weight'),
        h('mlp.c_fc.bias'),
        4 * C,
      ).map(gelu);
      const m = linear(f, h('mlp.c_proj.weight'), h('mlp.c_proj.bias'), C);
      return r2.map((v, i) => v + m[i]);
    });
  }
  return xs.map((x) => {
    const y = layerNorm(x, w('ln_f.weight'), w('ln_f.bias'), c.eps);
    return Float64Array.from({ length: c.vocabSize }, (_, v) => {
      let d = 0;
      for (let i = 0; i < C; i++) d += y[i] * wte[v * C + i];
      return d;
    });
  });
}
