// AdamW over a ParamBlock: first and second moments in two more blocks of the same layout, one
// kernel call per tensor so each gets its own weight decay (matrices decay; biases, LayerNorm and
// embeddings do not). Global-norm gradient clipping runs once over the whole gradient block.

import { clipGradNorm, type Kernels } from '@glassbox/core-wasm';
import { ParamBlock } from '../gpt/params.js';

export interface AdamWConfig {
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** Clip the global gradient norm to this (0 = no clipping). */
  gradClip: number;
}

export class AdamW {
  readonly m: ParamBlock;
  readonly v: ParamBlock;
  /** Updates taken so far (the bias corrections use step + 1). */
  step = 0;

  constructor(
    private readonly k: Kernels,
    private readonly params: ParamBlock,
    private readonly grads: ParamBlock,
    readonly config: AdamWConfig,
  ) {
    this.m = new ParamBlock(k.arena, params.specs);
    this.v = new ParamBlock(k.arena, params.specs);
  }

  /**
   * Clips, then applies one update at learning rate lr, and leaves the gradients zero (the kernel
   * clears each one as it applies it: the next backward adds into zeros with no separate pass).
   * Returns the gradient norm before clipping.
   */
  update(lr: number): number {
    const { beta1, beta2, eps, weightDecay, gradClip } = this.config;
    const norm = clipGradNorm(this.k, this.grads.all.ptr, this.grads.all.size, gradClip);
    this.step++;
    for (const s of this.params.specs) {
      this.k.adamw({
        params: this.params.get(s.name).ptr,
        grads: this.grads.get(s.name).ptr,
        m: this.m.get(s.name).ptr,
        v: this.v.get(s.name).ptr,
        n: s.size,
        lr,
        beta1,
        beta2,
        eps,
        weightDecay: s.decay ? weightDecay : 0,
        step: this.step,
        clearGrads: true,
      });
    }
    return norm;
  }

  reset(): void {
    this.m.zero();
    this.v.zero();
    this.step = 0;
  }
}
