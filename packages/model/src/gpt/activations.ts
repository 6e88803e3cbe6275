// The buffers one forward/backward pass needs for a batch of up to B sequences of up to T tokens,
// allocated once (in a scope the model owns) and reused every step. What backward needs is kept
// (layer inputs, LayerNorm statistics, attention probabilities, what GELU saves); projections
// that only feed a residual add share one scratch buffer. An inference-only model gets no gradient
// scratch (those fields alias `proj` and must not be used) and one set of layer buffers shared by
// every layer: after its forward, `encoded` holds the last residual stream, and `layers[l].att` is
// layer l's attention only when the forward kept attention per layer.

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
  /** (B, T, 4C) what GELU's forward keeps for its backward (training only). */
  fchSaved?: Tensor;
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

  /** Whether every layer has its own attention buffer (else they share one). */
  readonly attentionPerLayer: boolean;
  /** Whether what backward needs is kept (per-layer buffers and gradient scratch). */
  readonly withGradients: boolean;

  constructor(
    arena: Allocator,
    c: GPTConfig,
    readonly B: number,
    readonly T: number,
    opts: { withGradients: boolean; attentionPerLayer?: boolean },
  ) {
    const { withGradients } = opts;
    this.withGradients = withGradients;
    const C = c.nEmbd;
    const BT = B * T;
    const f = (n: number) => arena.alloc([n]);
    this.tokens = arena.allocInt(BT);
    this.targets = arena.allocInt(BT);
    this.encoded = f(BT * C);
    this.attentionPerLayer = withGradients || (opts.attentionPerLayer ?? false);
    if (withGradients) {
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
        fchSaved: f(BT * 4 * C),
        res3: f(BT * C),
      }));
    } else {
      // Inference only: nothing is kept for backward, so every layer works in the same buffers
      // (the residual stream in place in `encoded`, ln_2 over ln_1's, GELU in place), and only the
      // attention maps may be kept per layer (to look at them).
      const ln = f(BT * C);
      const mean = f(BT);
      const rstd = f(BT);
      const fch = f(BT * 4 * C);
      const shared = {
        ln1: ln,
        ln1Mean: mean,
        ln1Rstd: rstd,
        qkv: f(BT * 3 * C),
        atty: f(BT * C),
        res2: f(BT * C),
      };
      const att = this.attentionPerLayer ? undefined : f(B * c.nHead * T * T);
      this.layers = Array.from({ length: c.nLayer }, () => ({
        ...shared,
        att: att ?? f(B * c.nHead * T * T),
        ln2: ln,
        ln2Mean: mean,
        ln2Rstd: rstd,
        fch,
        fchGelu: fch,
        res3: this.encoded,
      }));
    }
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
