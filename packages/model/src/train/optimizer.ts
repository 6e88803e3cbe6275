// AdamW over a ParamBlock: first and second moments in two more blocks of the same layout, one
// kernel call over the whole block with a segment per tensor, so each gets its own weight decay
// (matrices decay; biases, LayerNorm and embeddings do not). Global-norm gradient clipping runs
// once over the whole gradient block.

import { type AdamWSegment, clipGradNorm, type Kernels } from '@glassbox/core-wasm';
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
  /** One segment per tensor of the block, with its weight decay (or none). */
  private readonly segments: readonly AdamWSegment[];

  constructor(
    private readonly k: Kernels,
    private readonly params: ParamBlock,
    private readonly grads: ParamBlock,
    readonly config: AdamWConfig,
  ) {
    this.m = new ParamBlock(k.arena, params.specs);
    this.v = new ParamBlock(k.arena, params.specs);
    this.segments = params.specs.map(({ offset, size, decay }) => ({ offset, size, decay }));
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
    this.k.adamw({
      params: this.params.all.ptr,
      grads: this.grads.all.ptr,
      m: this.m.all.ptr,
      v: this.v.all.ptr,
      n: this.params.all.size,
      lr,
      beta1,
      beta2,
      eps,
      weightDecay,
      step: this.step,
      clearGrads: true,
      segments: this.segments,
    });
    return norm;
  }

  reset(): void {
    this.m.zero();
    this.v.zero();
    this.step = 0;
  }
}
