// GPT: the GPT-2 architecture with an explicit forward and backward pass per layer, on the
// core-wasm kernels (llm.c's approach: no autograd; finite-difference checks guard it).
//
//   x = wte[tokens] + wpe[positions]                       (B, T, C)
//   per block: x = x + attn(ln_1(x));  x = x + mlp(ln_2(x))
//   logits = ln_f(x) · wteᵀ  (the output head is tied to the token embedding)   (B, T, V)
//   loss = mean over positions of −ln softmax(logits)[target]
//
// Parameters, gradients and activations all live in the model's arena: parameters and gradients
// persistently (one allocation each), activations in a scope the model owns and regrows. A model
// created with `training: false` has no gradients and no gradient scratch (inference, evaluation,
// inspection), and its layers share one set of activation buffers (attention maps are kept per
// layer only when a forward asks for them). `training: 'adapters'` keeps the gradient scratch but
// allocates no parameter gradients: backward then needs an adapter that freezes the base (LoRA),
// and computes only the adapter's gradients — what fine-tuning a big model on little memory needs.
// Not handled: dropout, untied heads, biases-free variants.

import { type ArenaScope, createKernels, type Kernels, type Ptr } from '@glassbox/core-wasm';
import { GlassboxError } from '../util/errors.js';
import { Activations } from './activations.js';
import type { LinearAdapter } from './adapter.js';
import { type GPTConfig, layerNormEpsilon, validateConfig } from './config.js';
import { attentionBackward, attentionForward } from './layers/attention.js';
import { type BlockWeights, blockBackward, blockForward } from './layers/block.js';
import { encoderBackward, encoderForward } from './layers/encoder.js';
import { linearBackward, linearForward } from './layers/linear.js';
import { initParams, ParamBlock, paramSpecs } from './params.js';
import { checkModelSize } from './size.js';

export interface GPTOptions {
  /** Seed for the initial weights (default 1337, nanoGPT's). */
  seed?: number;
  /** Kernels to run on (default: wasm over a fresh arena). */
  kernels?: Kernels;
  /** Skip the random initialisation (the caller loads weights next). */
  skipInit?: boolean;
  /**
   * Whether the model will be trained (default true). false allocates no gradients and no
   * gradient scratch: forward (with or without targets) works, backward does not. 'adapters':
   * backward works for an attached adapter that freezes the base (LoRA); the base's own
   * parameters get no gradients (and no memory for them).
   */
  training?: boolean | 'adapters';
}

export interface ForwardOptions {
  /**
   * Keep every layer's attention probabilities in activations.layers[l].att (inference-only
   * models share one buffer across layers otherwise; training models always keep them).
   */
  keepAttention?: boolean;
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
  /** Adds to the attention and MLP linear layers (LoRA); see adapter.ts. */
  adapter: LinearAdapter | undefined;
  /** Whether backward() is available (training: true or 'adapters'). */
  readonly training: boolean;
  /** LayerNorm's ε (config.layerNormEpsilon, default 1e-5). */
  readonly eps: number;
  private readonly gradBlock: ParamBlock | undefined;
  private acts: Activations | undefined;
  /** Owns the activation buffers; replaced (and the old one freed) when a larger batch arrives. */
  private actsScope: ArenaScope | undefined;
  private last: { B: number; T: number; valid: number } | undefined;
  /** Where the frozen base's LayerNorm gradients go (never read): C floats, allocated on demand. */
  private sinkPtr: Ptr = 0;

  private constructor(
    readonly config: GPTConfig,
    readonly kernels: Kernels,
    readonly params: ParamBlock,
    training: boolean | 'adapters',
  ) {
    this.training = training !== false;
    this.eps = layerNormEpsilon(config);
    this.gradBlock = training === true ? new ParamBlock(kernels.arena, params.specs) : undefined;
  }

  /** A freshly initialised model (GPT-2 initialisation, seeded). */
  static async create(config: GPTConfig, opts: GPTOptions = {}): Promise<GPT> {
    validateConfig(config);
    // Before any memory exists: a shape that cannot fit is refused by name, not allocated.
    checkModelSize(config, {
      training: (opts.training ?? true) === true,
      shared: (opts.kernels?.threads ?? 1) > 1,
    });
    const kernels = opts.kernels ?? (await createKernels());
    const params = new ParamBlock(kernels.arena, paramSpecs(config));
    if (!opts.skipInit) initParams(params, config, opts.seed ?? 1337);
    return new GPT(config, kernels, params, opts.training ?? true);
  }

  /** The gradients, laid out as the parameters (models created with training: true only). */
  get grads(): ParamBlock {
    if (!this.gradBlock)
      throw new Error(
        `this model was created with training: ${this.training ? "'adapters'" : 'false'}; it has no parameter gradients`,
      );
    return this.gradBlock;
  }

  /** Whether the base's parameters get gradients (false when an adapter freezes them, or there are none). */
  private get baseFrozen(): boolean {
    return !this.gradBlock || (this.adapter?.freezesBase ?? false);
  }

  /** The activations of the last forward pass (attention maps, per-token losses, logits). */
  get activations(): Activations | undefined {
    return this.acts;
  }

  /** Buffers for at least (B, T); reallocated only when a larger batch (or kept attention) is needed. */
  private activationsFor(B: number, T: number, keepAttention: boolean): Activations {
    // What backward needs is kept only when a backward can follow: a model with gradients, or an
    // 'adapters' model while an adapter that freezes the base is attached (without one it only runs).
    const backward = this.gradBlock !== undefined || (this.training && (this.adapter?.freezesBase ?? false));
    const perLayer = backward || keepAttention;
    const a = this.acts;
    if (
      a &&
      a.B * a.T >= B * T &&
      a.T >= T &&
      a.withGradients === backward &&
      (a.attentionPerLayer || !perLayer)
    )
      return a;
    this.acts = undefined;
    this.actsScope?.dispose();
    this.actsScope = this.kernels.arena.scope();
    this.acts = new Activations(this.actsScope, this.config, B, T, {
      withGradients: backward,
      attentionPerLayer: perLayer,
    });
    return this.acts;
  }

  /** Frees the activation buffers (they come back on the next forward). */
  releaseActivations(): void {
    this.acts = undefined;
    this.last = undefined;
    this.actsScope?.dispose();
    this.actsScope = undefined;
  }

  /**
   * Runs the model on a batch and leaves the logits in activations.logits. With targets, also
   * returns the mean loss over positions whose target is ≥ 0 and leaves what
   * backward() needs; without, returns undefined.
   */
  forward(batch: Batch & { targets: ArrayLike<number> }, opts?: ForwardOptions): number;
  forward(batch: Batch, opts?: ForwardOptions): number | undefined;
  forward(batch: Batch, opts: ForwardOptions = {}): number | undefined {
    const { B, T } = batch;
    const { vocabSize: V, nEmbd: C, nHead } = this.config;
    if (T > this.config.blockSize) {
      throw new GlassboxError(`sequence of ${T} tokens exceeds the block size ${this.config.blockSize}`);
    }
    const a = this.activationsFor(B, T, opts.keepAttention ?? false);
    const BT = B * T;
    copyIds(a.tokens.data, batch.tokens, BT, V, 'token');
    this.adapter?.beforeForward?.();
    const k = this.kernels;
    const p = (name: string) => this.params.get(name).ptr;

    encoderForward(k, a.encoded.ptr, p('wte.weight'), p('wpe.weight'), a.tokens.ptr, B, T, C);
    let x = a.encoded.ptr;
    a.layers.forEach((L, l) => {
      blockForward(this.block(l), L, x, a.proj.ptr, BT, C, (y, qkv) =>
        attentionForward(k, y, L.att.ptr, qkv, B, T, C, nHead),
      );
      x = L.res3.ptr;
    });
    k.layernormForward(
      a.lnf.ptr,
      a.lnfMean.ptr,
      a.lnfRstd.ptr,
      x,
      p('ln_f.weight'),
      p('ln_f.bias'),
      BT,
      C,
      this.eps,
    );
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
   * accumulating over micro-batches is the point of adding). Overwrites the logits. With the base
   * frozen by an adapter, only the adapter's gradients are computed (and the embedding rows it
   * trains): the base's weight, LayerNorm and embedding gradients are skipped.
   */
  backward(lossScale = 1): void {
    if (!this.training) throw new Error('backward() on a model created with training: false');
    if (!this.gradBlock && !this.adapter?.freezesBase)
      throw new Error(
        "backward() on a model created with training: 'adapters' needs an adapter that freezes the base",
      );
    if (!this.last || !this.acts) throw new Error('backward() needs a forward() with targets first');
    const { B, T, valid } = this.last;
    this.last = undefined; // the logits are about to become gradients
    const { vocabSize: V, nEmbd: C, nHead } = this.config;
    const a = this.acts;
    const BT = B * T;
    const k = this.kernels;
    const frozen = this.baseFrozen;
    const rows = frozen ? this.adapter?.embeddingRows : undefined;
    const p = (name: string) => this.params.get(name).ptr;
    const g = (name: string) => this.gradPtr(name);

    // Loss → logits → ln_f. dlogits overwrite the probabilities in place.
    k.crossEntropyBackward(
      a.logits.ptr,
      a.logits.ptr,
      a.targets.ptr,
      BT,
      V,
      valid > 0 ? lossScale / valid : 0,
    );
    const dx = { c: a.dbtc.ptr, a: a.logits.ptr, b: p('wte.weight'), m: BT, k: V, n: C };
    if (!frozen) {
      // dx and dwte are independent: the threads may run them side by side.
      k.matmulPair(dx, {
        c: g('wte.weight'),
        a: a.logits.ptr,
        b: a.lnf.ptr,
        m: V,
        k: BT,
        n: C,
        transA: true,
        accumulate: true,
      });
    } else if (rows && rows.from < V) {
      // Only the trained rows: dwte[from…V) += dlogits[:, from…V)ᵀ · lnf.
      k.matmulPair(dx, {
        c: rows.grad,
        a: a.logits.ptr + rows.from * 4,
        b: a.lnf.ptr,
        m: V - rows.from,
        k: BT,
        n: C,
        transA: true,
        accumulate: true,
        lda: V,
      });
    } else k.matmul(dx);
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
      const x = l === 0 ? a.encoded.ptr : a.layers[l - 1].res3.ptr;
      blockBackward(this.block(l), L, a, a.dres.ptr, x, BT, C, (dqkv, dy) =>
        attentionBackward(k, dqkv, a.datt.ptr, dy, L.qkv.ptr, L.att.ptr, B, T, C, nHead),
      );
    }
    if (!frozen) encoderBackward(k, g('wte.weight'), g('wpe.weight'), a.dres.ptr, a.tokens.ptr, B, T, C);
    else if (rows && rows.from < V) {
      // The input side of the trained rows: each position holding one of those tokens adds its dx.
      const ids = a.tokens.data;
      for (let i = 0; i < BT; i++) {
        if (ids[i] >= rows.from)
          k.add(
            rows.grad + (ids[i] - rows.from) * C * 4,
            rows.grad + (ids[i] - rows.from) * C * 4,
            a.dres.ptr + i * C * 4,
            C,
          );
      }
    }
  }

  /**
   * A parameter's gradient buffer; with the base frozen, a scratch row that absorbs (and never
   * returns) the LayerNorm gradients the kernels always write.
   */
  private gradPtr(name: string): Ptr {
    if (!this.baseFrozen) return this.grads.get(name).ptr;
    if (!this.sinkPtr) this.sinkPtr = this.kernels.arena.alloc([this.config.nEmbd]).ptr;
    return this.sinkPtr;
  }

  zeroGrad(): void {
    this.gradBlock?.zero();
    if (this.sinkPtr)
      this.kernels.arena.f32.fill(0, this.sinkPtr >> 2, (this.sinkPtr >> 2) + this.config.nEmbd);
    this.adapter?.zeroGrad();
  }

  /** Block l's weights and linear layers (with any adapter) as the layer functions take them. */
  block(l: number): BlockWeights {
    const h = `h.${l}`;
    return {
      k: this.kernels,
      eps: this.eps,
      param: (name) => this.params.get(`${h}.${name}`).ptr,
      grad: (name) => this.gradPtr(`${h}.${name}`),
      linearForward: (layer, out, inp, M, K, N) => this.linearForward(`${h}.${layer}`, out, inp, M, K, N),
      linearBackward: (layer, dinp, dout, inp, M, K, N) =>
        this.linearBackward(`${h}.${layer}`, dinp, dout, inp, M, K, N),
    };
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
    const frozen = this.baseFrozen;
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
