// The buffers one forward/backward pass needs for a batch of up to B sequences of up to T tokens,
// allocated once (in a scope the model owns) and reused every step. What backward needs is kept
// (layer inputs, LayerNorm statistics, attention probabilities); projections that only feed a
// residual add share one scratch buffer. An inference-only model gets no gradient scratch: those
// fields alias `proj` and must not be used.

import type { Allocator, IntTensor, Tensor } from '@glassbox/core-wasm';
import type { GPTConfig } from './config.js';

export interface LayerActivations {
  ln1: Tensor; // (B, T, C)
  ln1Mean: Tensor; // (B, T)
  ln1Rstd: Tensor; // (B, T)
  qkv: Tensor; // (B, T, 3C)
  atty: Tensor; // (B, T, C) attention output before c_proj
  att: Tensor; // (B, nHead, T, T) attention probabilities
  res2: Tensor; // (B, T, C) residual after attention
  ln2: Tensor; // (B, T, C)
  ln2Mean: Tensor; // (B, T)
  ln2Rstd: Tensor; // (B, T)
  fch: Tensor; // (B, T, 4C) MLP pre-activation
  fchGelu: Tensor; // (B, T, 4C)
  res3: Tensor; // (B, T, C) residual after the MLP = the block's output
}

export class Activations {
  readonly tokens: IntTensor; // (B, T)
  readonly targets: IntTensor; // (B, T); −1 = no loss at this position
  readonly encoded: Tensor; // (B, T, C)
  readonly layers: LayerActivations[];
  readonly lnf: Tensor; // (B, T, C)
  readonly lnfMean: Tensor;
  readonly lnfRstd: Tensor;
  readonly logits: Tensor; // (B, T, V); after the loss, the probabilities; after backward, dlogits
  readonly losses: Tensor; // (B, T) per-token −ln p(target)
  readonly proj: Tensor; // (B, T, C) scratch: c_proj outputs before the residual add
  // Gradient scratch for the backward pass.
  readonly dres: Tensor; // (B, T, C) gradient of the residual stream
  readonly dbtc: Tensor; // (B, T, C)
  readonly datty: Tensor; // (B, T, C)
  readonly dqkv: Tensor; // (B, T, 3C)
  readonly dfchGelu: Tensor; // (B, T, 4C)
  readonly dfch: Tensor; // (B, T, 4C)
  readonly datt: Tensor; // (B, nHead, T, T) attention-probability gradients

  constructor(
    arena: Allocator,
    c: GPTConfig,
    readonly B: number,
    readonly T: number,
    withGradients: boolean,
  ) {
    const C = c.nEmbd;
    const BT = B * T;
    const f = (n: number) => arena.alloc([n]);
    this.tokens = arena.allocInt(BT);
    this.targets = arena.allocInt(BT);
    this.encoded = f(BT * C);
    this.layers = Array.from({ length: c.nLayer }, () => ({
      ln1: f(BT * C),
      ln1Mean: f(BT),
      ln1Rstd: f(BT),
      qkv: f(BT * 3 * C),
      atty: f(BT * C),
      att: f(B * c.nHead * T * T),
      res2: f(BT * C),
      ln2: f(BT * C),
      ln2Mean: f(BT),
      ln2Rstd: f(BT),
      fch: f(BT * 4 * C),
      fchGelu: f(BT * 4 * C),
      res3: f(BT * C),
    }));
    this.lnf = f(BT * C);
    this.lnfMean = f(BT);
    this.lnfRstd = f(BT);
    this.logits = f(BT * c.vocabSize);
    this.losses = f(BT);
    this.proj = f(BT * C);
    const g = (n: number) => (withGradients ? f(n) : this.proj);
    this.dres = g(BT * C);
    this.dbtc = g(BT * C);
    this.datty = g(BT * C);
    this.dqkv = g(BT * 3 * C);
    this.dfchGelu = g(BT * 4 * C);
    this.dfch = g(BT * 4 * C);
    this.datt = g(B * c.nHead * T * T);
  }
}
