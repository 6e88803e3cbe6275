// LoRA: low-rank adapters on the attention and MLP matrices. A frozen weight W (K, N) gets a
// trainable update of rank r, scaled by alpha / r:
//   out (M, N) = inp · W + b  +  s · (inp · A) · B        A (K, r), B (r, N), s = alpha / r
// A starts small and random, B at zero, so the adapted model starts out equal to the base.
// Backward, with u = s · inp · A (M, r) kept from forward:
//   dB += uᵀ · dout;   du = s · dout · Bᵀ;   dA += inpᵀ · du;   dinp += du · Aᵀ
// The base weights are never written (the optimizer sees only this block), and their gradients
// are not even computed (freezesBase; the model may have none: GPT training 'adapters'). Rows of
// wte for tokens added for fine-tuning (chat special tokens) train alongside as the tensor
// `wte.added`: copied into the model before every forward pass, their gradients accumulated by the
// model's backward straight into this block (embeddingRows). Merging is in lora-merge.ts, files
// in lora-files.ts. Not handled: dropout on the adapter input, adapters on the embeddings.

import type { ArenaScope, Tensor } from '@glassbox/core-wasm';
import { LINEAR_LAYERS, type LinearAdapter, type LinearLayer, linearShape } from '../gpt/adapter.js';
import type { GPT } from '../gpt/model.js';
import { layoutSpecs, ParamBlock, type ParamSpec } from '../gpt/params.js';
import { GlassboxError } from '../util/errors.js';
import { Random } from '../util/random.js';

export interface LoRAConfig {
  /** Rank r of each update (1 … the smaller side of the matrix). */
  rank: number;
  /** Scale numerator: the update is multiplied by alpha / rank. */
  alpha: number;
  /** Which linear layers get adapters (default all four of every block). */
  targets?: readonly LinearLayer[];
  /** Seed of A's initialisation. */
  seed?: number;
  /** wte rows from this id up train with the adapters (tokens added for fine-tuning; default none). */
  trainRowsFrom?: number;
}

export class LoRA implements LinearAdapter {
  readonly freezesBase = true;
  readonly params: ParamBlock;
  readonly grads: ParamBlock;
  readonly scale: number;
  readonly targets: readonly LinearLayer[];
  readonly trainRowsFrom: number;
  private readonly shapes = new Map<string, [number, number]>();
  /** u = s · inp · A per adapted layer, (rows, r), kept for backward; and du scratch. */
  private saved = new Map<string, Tensor>();
  private du: Tensor | undefined;
  private rows = 0;
  private rowScope: ArenaScope | undefined;

  constructor(
    readonly model: GPT,
    readonly config: LoRAConfig,
  ) {
    const { rank: r, alpha } = config;
    const { nEmbd: C, nLayer, vocabSize: V } = model.config;
    this.targets = config.targets ?? LINEAR_LAYERS;
    if (this.targets.length === 0)
      throw new GlassboxError('LoRA needs at least one target layer', { field: 'loraTargets' });
    if (!Number.isInteger(r) || r < 1 || r > C)
      throw new GlassboxError(`rank must be a whole number from 1 to ${C} (the model width), got ${r}`, {
        field: 'rank',
      });
    if (!(alpha > 0) || !Number.isFinite(alpha))
      throw new GlassboxError(`alpha must be a number > 0, got ${alpha}`, { field: 'alpha' });
    this.scale = alpha / r;
    this.trainRowsFrom = config.trainRowsFrom ?? V;
    if (!Number.isInteger(this.trainRowsFrom) || this.trainRowsFrom < 0 || this.trainRowsFrom > V)
      throw new Error(`trainRowsFrom ${this.trainRowsFrom} is outside 0…${V}`);
    const specs: Omit<ParamSpec, 'offset' | 'size'>[] = [];
    for (let l = 0; l < nLayer; l++) {
      for (const layer of this.targets) {
        const [K, N] = linearShape(layer, C);
        const name = `h.${l}.${layer}`;
        this.shapes.set(name, [K, N]);
        specs.push({ name: `${name}.lora_A`, shape: [K, r], decay: false, init: 'normal' });
        specs.push({ name: `${name}.lora_B`, shape: [r, N], decay: false, init: 'zeros' });
      }
    }
    const added = V - this.trainRowsFrom;
    if (added > 0) specs.push({ name: 'wte.added', shape: [added, C], decay: false, init: 'normal' });
    const laid = layoutSpecs(specs);
    const arena = model.kernels.arena;
    this.params = new ParamBlock(arena, laid);
    this.grads = new ParamBlock(arena, laid);
    // A ~ U(−1/√K, 1/√K) (Kaiming-uniform with a = √5, as PEFT does); B = 0.
    const rng = new Random(config.seed ?? 1337);
    for (const [name, [K]] of this.shapes) {
      const a = this.params.get(`${name}.lora_A`).data;
      const bound = 1 / Math.sqrt(K);
      for (let i = 0; i < a.length; i++) a[i] = (2 * rng.next() - 1) * bound;
    }
    if (added > 0) this.params.get('wte.added').data.set(this.addedRows(model.params).data);
  }

  /** Attaches the adapters to the model (forward and backward run through them from now on). */
  attach(): this {
    if (this.model.adapter && this.model.adapter !== this)
      throw new Error('the model already has an adapter attached');
    this.model.adapter = this;
    return this;
  }

  detach(): void {
    if (this.model.adapter === this) this.model.adapter = undefined;
  }

  /** The wte rows this adapter trains, as a view of a parameter (or gradient) block of the model. */
  private addedRows(block: ParamBlock): Tensor {
    const { vocabSize: V, nEmbd: C } = this.model.config;
    return block.get('wte.weight').slice(this.trainRowsFrom * C, [V - this.trainRowsFrom, C]);
  }

  /** Copies the trained rows into the model's wte (done before every forward pass, and by merges). */
  syncRows(): void {
    if (this.trainRowsFrom < this.model.config.vocabSize)
      this.addedRows(this.model.params).data.set(this.params.get('wte.added').data);
  }

  beforeForward(): void {
    this.syncRows();
  }

  /** The trained wte rows and their gradient: the model adds into it during backward. */
  get embeddingRows(): { from: number; grad: number } | undefined {
    if (this.trainRowsFrom >= this.model.config.vocabSize) return undefined;
    return { from: this.trainRowsFrom, grad: this.grads.get('wte.added').ptr };
  }

  zeroGrad(): void {
    this.grads.zero();
  }

  /** Buffers for M rows: u per adapted layer and the du scratch (reallocated, the old freed, only to grow). */
  private ensureRows(M: number): void {
    if (M <= this.rows) return;
    const r = this.config.rank;
    this.rowScope?.dispose();
    this.rowScope = this.model.kernels.arena.scope();
    for (const name of this.shapes.keys()) this.saved.set(name, this.rowScope.alloc([M, r]));
    this.du = this.rowScope.alloc([M, r]);
    this.rows = M;
  }

  forward(name: string, out: number, inp: number, M: number): void {
    const shape = this.shapes.get(name);
    if (!shape) return;
    const [K, N] = shape;
    const r = this.config.rank;
    const k = this.model.kernels;
    this.ensureRows(M);
    const u = this.saved.get(name)!.ptr;
    k.matmul({ c: u, a: inp, b: this.params.get(`${name}.lora_A`).ptr, m: M, k: K, n: r });
    k.scale(u, M * r, this.scale);
    k.matmul({ c: out, a: u, b: this.params.get(`${name}.lora_B`).ptr, m: M, k: r, n: N, accumulate: true });
  }

  backward(name: string, dinp: number, dout: number, inp: number, M: number): void {
    const shape = this.shapes.get(name);
    if (!shape) return;
    const [K, N] = shape;
    const r = this.config.rank;
    const k = this.model.kernels;
    const u = this.saved.get(name)!.ptr;
    const du = this.du!.ptr;
    const [A, B] = [this.params.get(`${name}.lora_A`).ptr, this.params.get(`${name}.lora_B`).ptr];
    const [dA, dB] = [this.grads.get(`${name}.lora_A`).ptr, this.grads.get(`${name}.lora_B`).ptr];
    k.matmul({ c: dB, a: u, b: dout, m: r, k: M, n: N, transA: true, accumulate: true });
    k.matmul({ c: du, a: dout, b: B, m: M, k: N, n: r, transB: true });
    k.scale(du, M * r, this.scale);
    k.matmul({ c: dA, a: inp, b: du, m: K, k: M, n: r, transA: true, accumulate: true });
    k.matmul({ c: dinp, a: du, b: A, m: M, k: r, n: K, transB: true, accumulate: true });
  }

  /** The adapted layers' names ("h.0.attn.c_attn", …) with their weight shapes (K, N). */
  layers(): [string, [number, number]][] {
    return [...this.shapes];
  }
}
