// GPT: the GPT-2 architecture with an explicit forward and backward pass per layer, on the
// core-wasm kernels (llm.c's approach: no autograd; finite-difference checks guard it).
//
//   x = wte[tokens] + wpe[positions]                       (B, T, C)
//   per block: x = x + attn(ln_1(x));  x = x + mlp(ln_2(x))
//   logits = ln_f(x) · wteᵀ  (the output head is tied to the token embedding)   (B, T, V)
//   loss = mean over positions of −ln softmax(logits)[target]
//
// Parameters, gradients and activations all live in the model's arena. Not handled: dropout,
// untied heads, biases-free variants.

import { createKernels, type Kernels, type Ptr } from '@glassbox/core-wasm';
import { GlassboxError } from '../util/errors.js';
import { Activations } from './activations.js';
import type { LinearAdapter } from './adapter.js';
import { type GPTConfig, validateConfig } from './config.js';
import { encoderBackward, encoderForward } from './layers/encoder.js';
import { linearBackward, linearForward } from './layers/linear.js';
import { initParams, ParamBlock, paramSpecs } from './params.js';

export interface GPTOptions {
  /** Seed for the initial weights (default 1337, nanoGPT's). */
  seed?: number;
  /** Kernels to run on (default: wasm over a fresh arena). */
  kernels?: Kernels;
  /** Skip the random initialisation (the caller loads weights next). */
  skipInit?: boolean;
}

export interface Batch {
  /** (B·T) token ids, row-major. */
  tokens: ArrayLike<number>;
  /** (B·T) next-token ids; −1 marks positions without loss. Omit for inference. */
  targets?: ArrayLike<number>;
  B: number;
  T: number;
}

export class GPT {
  readonly grads: ParamBlock;
  /** Adds to the attention and MLP linear layers (LoRA); see adapter.ts. */
  adapter: LinearAdapter | undefined;
  private acts: Activations | undefined;
  private last: { B: number; T: number; valid: number } | undefined;

  private constructor(
    readonly config: GPTConfig,
    readonly kernels: Kernels,
    readonly params: ParamBlock,
  ) {
    this.grads = new ParamBlock(kernels.arena, params.specs);
  }

  /** A freshly initialised model (GPT-2 initialisation, seeded). */
  static async create(config: GPTConfig, opts: GPTOptions = {}): Promise<GPT> {
    validateConfig(config);
    const kernels = opts.kernels ?? (await createKernels());
    const params = new ParamBlock(kernels.arena, paramSpecs(config));
    if (!opts.skipInit) initParams(params, config, opts.seed ?? 1337);
    return new GPT(config, kernels, params);
  }

  /** The activations of the last forward pass (attention maps, per-token losses, logits). */
  get activations(): Activations | undefined {
    return this.acts;
  }

  /** Buffers for at least (B, T); reallocated only when a larger batch arrives. */
  private activationsFor(B: number, T: number): Activations {
    if (!this.acts || this.acts.B * this.acts.T < B * T || this.acts.T < T) {
      this.acts = new Activations(this.kernels.arena, this.config, B, T, true);
    }
    return this.acts;
  }

  /**
   * Runs the model on a batch. With targets, returns the mean loss over positions whose target
   * is ≥ 0 and leaves what backward() needs; without, leaves the logits in activations.logits.
   */
  forward(batch: Batch): number | undefined {
    const { B, T } = batch;
    const { vocabSize: V, nEmbd: C, nHead } = this.config;
    if (T > this.config.blockSize) {
      throw new GlassboxError(`sequence of ${T} tokens exceeds the block size ${this.config.blockSize}`);
    }
    const a = this.activationsFor(B, T);
    const BT = B * T;
    copyIds(a.tokens.data, batch.tokens, BT, V, 'token');
    this.adapter?.beforeForward?.();
    const k = this.kernels;
    const p = (name: string) => this.params.get(name).ptr;

    encoderForward(k, a.encoded.ptr, p('wte.weight'), p('wpe.weight'), a.tokens.ptr, B, T, C);
    let x = a.encoded.ptr;
    a.layers.forEach((L, l) => {
      const h = `h.${l}`;
      k.layernormForward(
        L.ln1.ptr,
        L.ln1Mean.ptr,
        L.ln1Rstd.ptr,
        x,
        p(`${h}.ln_1.weight`),
        p(`${h}.ln_1.bias`),
        BT,
        C,
      );
      this.linearForward(`${h}.attn.c_attn`, L.qkv.ptr, L.ln1.ptr, BT, C, 3 * C);
      k.attentionForward(L.atty.ptr, L.att.ptr, L.qkv.ptr, B, T, C, nHead);
      this.linearForward(`${h}.attn.c_proj`, a.proj.ptr, L.atty.ptr, BT, C, C);
      k.add(L.res2.ptr, x, a.proj.ptr, BT * C);
      k.layernormForward(
        L.ln2.ptr,
        L.ln2Mean.ptr,
        L.ln2Rstd.ptr,
        L.res2.ptr,
        p(`${h}.ln_2.weight`),
        p(`${h}.ln_2.bias`),
        BT,
        C,
      );
      this.linearForward(`${h}.mlp.c_fc`, L.fch.ptr, L.ln2.ptr, BT, C, 4 * C);
      k.geluForward(L.fchGelu.ptr, L.fch.ptr, BT * 4 * C);
      this.linearForward(`${h}.mlp.c_proj`, a.proj.ptr, L.fchGelu.ptr, BT, 4 * C, C);
      k.add(L.res3.ptr, L.res2.ptr, a.proj.ptr, BT * C);
      x = L.res3.ptr;
    });
    k.layernormForward(a.lnf.ptr, a.lnfMean.ptr, a.lnfRstd.ptr, x, p('ln_f.weight'), p('ln_f.bias'), BT, C);
    k.matmul({ c: a.logits.ptr, a: a.lnf.ptr, b: p('wte.weight'), m: BT, k: C, n: V, transB: true });

    if (!batch.targets) {
      this.last = undefined;
      return undefined;
    }
    const valid = copyIds(a.targets.data, batch.targets, BT, V, 'target');
    this.last = { B, T, valid };
    return k.crossEntropyForward(a.logits.ptr, a.losses.ptr, a.logits.ptr, a.targets.ptr, BT, V);
  }

  /**
   * Adds ∂(lossScale · loss)/∂θ of the last forward pass into `grads` (call zeroGrad() first;
   * accumulating over micro-batches is the point of adding). Overwrites the logits.
   */
  backward(lossScale = 1): void {
    if (!this.last || !this.acts) throw new Error('backward() needs a forward() with targets first');
    const { B, T, valid } = this.last;
    this.last = undefined; // the logits are about to become gradients
    const { vocabSize: V, nEmbd: C, nHead } = this.config;
    const a = this.acts;
    const BT = B * T;
    const k = this.kernels;
    const p = (name: string) => this.params.get(name).ptr;
    const g = (name: string) => this.grads.get(name).ptr;

    // Loss → logits → ln_f. dlogits overwrite the probabilities in place.
    k.crossEntropyBackward(
      a.logits.ptr,
      a.logits.ptr,
      a.targets.ptr,
      BT,
      V,
      valid > 0 ? lossScale / valid : 0,
    );
    k.matmul({ c: a.dbtc.ptr, a: a.logits.ptr, b: p('wte.weight'), m: BT, k: V, n: C });
    k.matmul({
      c: g('wte.weight'),
      a: a.logits.ptr,
      b: a.lnf.ptr,
      m: V,
      k: BT,
      n: C,
      transA: true,
      accumulate: true,
    });
    a.dres.data.subarray(0, BT * C).fill(0);
    const top = a.layers.length ? a.layers[a.layers.length - 1].res3.ptr : a.encoded.ptr;
    k.layernormBackward(
      a.dres.ptr,
      g('ln_f.weight'),
      g('ln_f.bias'),
      a.dbtc.ptr,
      top,
      p('ln_f.weight'),
      a.lnfMean.ptr,
      a.lnfRstd.ptr,
      BT,
      C,
    );

    for (let l = a.layers.length - 1; l >= 0; l--) {
      const L = a.layers[l];
      const h = `h.${l}`;
      const x = l === 0 ? a.encoded.ptr : a.layers[l - 1].res3.ptr;
      // res3 = res2 + mlp: the MLP's output gradient is dres itself.
      this.linearBackward(`${h}.mlp.c_proj`, a.dfchGelu.ptr, a.dres.ptr, L.fchGelu.ptr, BT, 4 * C, C);
      a.dfch.data.subarray(0, BT * 4 * C).fill(0);
      k.geluBackward(a.dfch.ptr, L.fch.ptr, a.dfchGelu.ptr, BT * 4 * C);
      this.linearBackward(`${h}.mlp.c_fc`, a.dbtc.ptr, a.dfch.ptr, L.ln2.ptr, BT, C, 4 * C);
      k.layernormBackward(
        a.dres.ptr,
        g(`${h}.ln_2.weight`),
        g(`${h}.ln_2.bias`),
        a.dbtc.ptr,
        L.res2.ptr,
        p(`${h}.ln_2.weight`),
        L.ln2Mean.ptr,
        L.ln2Rstd.ptr,
        BT,
        C,
      );
      // res2 = x + attn: likewise.
      this.linearBackward(`${h}.attn.c_proj`, a.datty.ptr, a.dres.ptr, L.atty.ptr, BT, C, C);
      a.dqkv.data.subarray(0, BT * 3 * C).fill(0);
      k.attentionBackward(a.dqkv.ptr, a.datt.ptr, a.datty.ptr, L.qkv.ptr, L.att.ptr, B, T, C, nHead);
      this.linearBackward(`${h}.attn.c_attn`, a.dbtc.ptr, a.dqkv.ptr, L.ln1.ptr, BT, C, 3 * C);
      k.layernormBackward(
        a.dres.ptr,
        g(`${h}.ln_1.weight`),
        g(`${h}.ln_1.bias`),
        a.dbtc.ptr,
        x,
        p(`${h}.ln_1.weight`),
        L.ln1Mean.ptr,
        L.ln1Rstd.ptr,
        BT,
        C,
      );
    }
    encoderBackward(k, g('wte.weight'), g('wpe.weight'), a.dres.ptr, a.tokens.ptr, B, T, C);
    this.adapter?.afterBackward?.();
  }

  zeroGrad(): void {
    this.grads.zero();
    this.adapter?.zeroGrad();
  }

  /** out (M, N) = inp (M, K) · W + b for the layer `name` (e.g. "h.0.attn.c_attn"), plus any adapter. */
  private linearForward(name: string, out: Ptr, inp: Ptr, M: number, K: number, N: number): void {
    const p = this.params;
    linearForward(this.kernels, out, inp, p.get(`${name}.weight`).ptr, p.get(`${name}.bias`).ptr, M, K, N);
    this.adapter?.forward(name, out, inp, M);
  }

  /** dinp (M, K) from dout (M, N); W and b gradients unless an adapter froze them; then the adapter's. */
  private linearBackward(
    name: string,
    dinp: Ptr,
    dout: Ptr,
    inp: Ptr,
    M: number,
    K: number,
    N: number,
  ): void {
    const frozen = this.adapter?.freezesBase ?? false;
    const grad = (t: string) => (frozen ? 0 : this.grads.get(`${name}.${t}`).ptr);
    const w = this.params.get(`${name}.weight`).ptr;
    linearBackward(this.kernels, dinp, grad('weight'), grad('bias'), dout, inp, w, M, K, N);
    this.adapter?.backward(name, dinp, dout, inp, M);
  }
}

/** Copies ids into an arena buffer, checking their range; returns how many are ≥ 0. */
function copyIds(dst: Int32Array, src: ArrayLike<number>, n: number, V: number, what: string): number {
  if (src.length < n) throw new GlassboxError(`expected ${n} ${what} ids, got ${src.length}`);
  let valid = 0;
  for (let i = 0; i < n; i++) {
    const id = src[i];
    const ok = what === 'target' ? id >= -1 && id < V : id >= 0 && id < V;
    if (!Number.isInteger(id) || !ok) {
      throw new GlassboxError(`${what} id ${id} at position ${i} is outside the vocabulary (0…${V - 1})`);
    }
    dst[i] = id;
    if (id >= 0) valid++;
  }
  return valid;
}
