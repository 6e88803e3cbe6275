// One transformer block (GPT-2's pre-LayerNorm form), forward and backward side by side:
//
//   forward:  a   = attn(ln_1(x))            attn = c_proj ∘ attention ∘ c_attn
//             r2  = x + a                     (the residual stream after attention)
//             m   = c_proj(gelu(c_fc(ln_2(r2))))
//             r3  = r2 + m                    (the block's output)
//   backward: the residual adds pass dr through unchanged, so dr3 flows into both the MLP and r2,
//             and dr2 into both the attention and x: dx = dr + ∂(attn ∘ ln_1)/∂x · dr, and so on.
//
// Rows are positions (B·T of them in a batch, 1 during cached generation); C is the width. The
// same blockForward serves the batched forward (every intermediate kept for backward) and the
// KV-cache step (buffers aliased in place: r2 = r3 = x, ln_2 = ln_1, gelu in place); only the
// attention differs, so the caller passes it in. Not handled: dropout, parallel attention/MLP.

import type { Kernels, Ptr, Tensor } from '@glassbox/core-wasm';
import type { LinearLayer } from '../adapter.js';

type Buf = { readonly ptr: Ptr };

/** What a block's forward writes (see LayerActivations for shapes). */
export interface BlockBuffers {
  ln1: Buf;
  ln1Mean: Buf;
  ln1Rstd: Buf;
  qkv: Buf;
  atty: Buf;
  res2: Buf;
  ln2: Buf;
  ln2Mean: Buf;
  ln2Rstd: Buf;
  fch: Buf;
  fchGelu: Buf;
  /** What GELU's forward keeps for its backward (kernels' geluForward `saved`); none when inferring. */
  fchSaved?: Buf;
  res3: Buf;
}

/** Gradient scratch of a block's backward (rows × C, 3C, 4C wide; datt is the attention's). */
export interface BlockGradScratch {
  dbtc: Tensor;
  datty: Tensor;
  dqkv: Tensor;
  dfchGelu: Tensor;
  dfch: Tensor;
}

/** The block's weights and linear layers, as its model provides them. */
export interface BlockWeights {
  k: Kernels;
  /** LayerNorm's ε (the model's layer_norm_epsilon). */
  eps: number;
  /** A parameter of this block by its name within the block, e.g. "ln_1.weight". */
  param(name: string): Ptr;
  /** Its gradient (backward only). */
  grad(name: string): Ptr;
  /** out (M, N) = inp (M, K) · W + b for one of the block's linear layers (and any adapter). */
  linearForward(layer: LinearLayer, out: Ptr, inp: Ptr, M: number, K: number, N: number): void;
  /** dinp (M, K) from dout (M, N), and the layer's weight gradients. */
  linearBackward(layer: LinearLayer, dinp: Ptr, dout: Ptr, inp: Ptr, M: number, K: number, N: number): void;
}

/**
 * x (rows, C) → L.res3 (rows, C). `attend(y, qkv)` mixes positions (batched or cached attention);
 * `proj` is (rows, C) scratch for the two c_proj outputs.
 */
export function blockForward(
  w: BlockWeights,
  L: BlockBuffers,
  x: Ptr,
  proj: Ptr,
  rows: number,
  C: number,
  attend: (y: Ptr, qkv: Ptr) => void,
): void {
  const k = w.k;
  k.layernormForward(
    L.ln1.ptr,
    L.ln1Mean.ptr,
    L.ln1Rstd.ptr,
    x,
    w.param('ln_1.weight'),
    w.param('ln_1.bias'),
    rows,
    C,
    w.eps,
  );
  w.linearForward('attn.c_attn', L.qkv.ptr, L.ln1.ptr, rows, C, 3 * C);
  attend(L.atty.ptr, L.qkv.ptr);
  w.linearForward('attn.c_proj', proj, L.atty.ptr, rows, C, C);
  k.add(L.res2.ptr, x, proj, rows * C);
  k.layernormForward(
    L.ln2.ptr,
    L.ln2Mean.ptr,
    L.ln2Rstd.ptr,
    L.res2.ptr,
    w.param('ln_2.weight'),
    w.param('ln_2.bias'),
    rows,
    C,
    w.eps,
  );
  w.linearForward('mlp.c_fc', L.fch.ptr, L.ln2.ptr, rows, C, 4 * C);
  k.geluForward(L.fchGelu.ptr, L.fch.ptr, rows * 4 * C, L.fchSaved?.ptr);
  w.linearForward('mlp.c_proj', proj, L.fchGelu.ptr, rows, 4 * C, C);
  k.add(L.res3.ptr, L.res2.ptr, proj, rows * C);
}

/**
 * dres (rows, C) holds ∂L/∂r3 on entry and ∂L/∂x on return (accumulated in place); weight
 * gradients are added. `attendBackward(dqkv, dy)` writes ∂L/∂qkv from ∂L/∂y. `x` is the block's input.
 */
export function blockBackward(
  w: BlockWeights,
  L: BlockBuffers,
  s: BlockGradScratch,
  dres: Ptr,
  x: Ptr,
  rows: number,
  C: number,
  attendBackward: (dqkv: Ptr, dy: Ptr) => void,
): void {
  const k = w.k;
  // r3 = r2 + m: the MLP's output gradient is dres itself.
  w.linearBackward('mlp.c_proj', s.dfchGelu.ptr, dres, L.fchGelu.ptr, rows, 4 * C, C);
  k.geluBackward(s.dfch.ptr, L.fch.ptr, s.dfchGelu.ptr, rows * 4 * C, L.fchSaved?.ptr); // writes dfch
  w.linearBackward('mlp.c_fc', s.dbtc.ptr, s.dfch.ptr, L.ln2.ptr, rows, C, 4 * C);
  k.layernormBackward(
    dres,
    w.grad('ln_2.weight'),
    w.grad('ln_2.bias'),
    s.dbtc.ptr,
    L.res2.ptr,
    w.param('ln_2.weight'),
    L.ln2Mean.ptr,
    L.ln2Rstd.ptr,
    rows,
    C,
  );
  // r2 = x + a: likewise.
  w.linearBackward('attn.c_proj', s.datty.ptr, dres, L.atty.ptr, rows, C, C);
  attendBackward(s.dqkv.ptr, s.datty.ptr); // writes dqkv
  w.linearBackward('attn.c_attn', s.dbtc.ptr, s.dqkv.ptr, L.ln1.ptr, rows, C, 3 * C);
  k.layernormBackward(
    dres,
    w.grad('ln_1.weight'),
    w.grad('ln_1.bias'),
    s.dbtc.ptr,
    x,
    w.param('ln_1.weight'),
    L.ln1Mean.ptr,
    L.ln1Rstd.ptr,
    rows,
    C,
  );
}
