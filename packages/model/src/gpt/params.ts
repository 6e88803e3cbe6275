// The GPT's parameters: every tensor named as in Hugging Face GPT-2 (so weights load by name),
// laid out back to back in ONE allocation (as in llm.c), with the gradients in a second
// allocation of the same layout. One flat buffer makes zeroing, clipping and the optimizer
// single kernel calls, and checkpoints a walk over the same list.
//
// Linear weights use GPT-2's Conv1D layout, (in, out): y = x·W + b.

import type { Arena, Tensor } from '@glassbox/core-wasm';
import { Random } from '../util/random.js';
import type { GPTConfig } from './config.js';

export interface ParamSpec {
  name: string;
  shape: number[];
  /** Offset in floats from the start of the parameter block. */
  offset: number;
  size: number;
  /** Matrices of the attention and MLP get weight decay; biases, LayerNorm and embeddings do not. */
  decay: boolean;
  init: 'normal' | 'residual' | 'zeros' | 'ones';
}

/** The parameter list in a fixed order: wte, wpe, then h.0 … h.{L−1}, then ln_f. */
export function paramSpecs(c: GPTConfig): ParamSpec[] {
  const C = c.nEmbd;
  const specs: Omit<ParamSpec, 'offset' | 'size'>[] = [
    { name: 'wte.weight', shape: [c.vocabSize, C], decay: false, init: 'normal' },
    { name: 'wpe.weight', shape: [c.blockSize, C], decay: false, init: 'normal' },
  ];
  for (let l = 0; l < c.nLayer; l++) {
    const h = `h.${l}`;
    specs.push(
      { name: `${h}.ln_1.weight`, shape: [C], decay: false, init: 'ones' },
      { name: `${h}.ln_1.bias`, shape: [C], decay: false, init: 'zeros' },
      { name: `${h}.attn.c_attn.weight`, shape: [C, 3 * C], decay: true, init: 'normal' },
      { name: `${h}.attn.c_attn.bias`, shape: [3 * C], decay: false, init: 'zeros' },
      { name: `${h}.attn.c_proj.weight`, shape: [C, C], decay: true, init: 'residual' },
      { name: `${h}.attn.c_proj.bias`, shape: [C], decay: false, init: 'zeros' },
      { name: `${h}.ln_2.weight`, shape: [C], decay: false, init: 'ones' },
      { name: `${h}.ln_2.bias`, shape: [C], decay: false, init: 'zeros' },
      { name: `${h}.mlp.c_fc.weight`, shape: [C, 4 * C], decay: true, init: 'normal' },
      { name: `${h}.mlp.c_fc.bias`, shape: [4 * C], decay: false, init: 'zeros' },
      { name: `${h}.mlp.c_proj.weight`, shape: [4 * C, C], decay: true, init: 'residual' },
      { name: `${h}.mlp.c_proj.bias`, shape: [C], decay: false, init: 'zeros' },
    );
  }
  specs.push(
    { name: 'ln_f.weight', shape: [C], decay: false, init: 'ones' },
    { name: 'ln_f.bias', shape: [C], decay: false, init: 'zeros' },
  );
  return layoutSpecs(specs);
}

/** Offsets for a list of tensors laid out back to back in one block (any block: adapters too). */
export function layoutSpecs(specs: Omit<ParamSpec, 'offset' | 'size'>[]): ParamSpec[] {
  let offset = 0;
  return specs.map((s) => {
    const size = s.shape.reduce((a, b) => a * b, 1);
    const spec = { ...s, offset, size };
    // Keep every tensor 16-byte aligned so SIMD loads of a row never straddle tensors oddly.
    offset += Math.ceil(size / 4) * 4;
    return spec;
  });
}

/** One contiguous block of named tensors (parameters, or gradients, or optimizer moments). */
export class ParamBlock {
  readonly all: Tensor;
  readonly byName: Map<string, Tensor>;

  constructor(
    arena: Arena,
    readonly specs: ParamSpec[],
  ) {
    const last = specs[specs.length - 1];
    const total = Math.ceil((last.offset + last.size) / 4) * 4;
    this.all = arena.alloc([total]);
    this.byName = new Map(specs.map((s) => [s.name, this.all.slice(s.offset, s.shape)]));
  }

  get(name: string): Tensor {
    const t = this.byName.get(name);
    if (!t) throw new Error(`no parameter named ${name}`);
    return t;
  }

  zero(): void {
    this.all.data.fill(0);
  }
}

/**
 * GPT-2 initialisation, seeded: weights ~ N(0, 0.02), the two residual projections of each
 * block ~ N(0, 0.02/√(2·nLayer)) so the residual stream's variance does not grow with depth,
 * biases 0, LayerNorm gains 1. Values are drawn in spec order, so a seed fixes every number.
 */
export function initParams(block: ParamBlock, c: GPTConfig, seed: number): void {
  const rng = new Random(seed);
  const residualStd = 0.02 / Math.sqrt(2 * c.nLayer);
  for (const s of block.specs) {
    const data = block.get(s.name).data;
    if (s.init === 'ones') data.fill(1);
    else if (s.init === 'zeros') data.fill(0);
    else {
      const std = s.init === 'residual' ? residualStd : 0.02;
      for (let i = 0; i < data.length; i++) data[i] = rng.normal() * std;
    }
  }
}

/** The first tensor of a block holding NaN or ±Infinity (with the offending value), or undefined. */
export function firstNonFinite(block: ParamBlock): { name: string; value: number } | undefined {
  for (const s of block.specs) {
    const data = block.get(s.name).data;
    for (let i = 0; i < data.length; i++)
      if (!Number.isFinite(data[i])) return { name: s.name, value: data[i] };
  }
  return undefined;
}
