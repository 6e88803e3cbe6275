// The reference twin: every kernel written the plain way, in TypeScript over Float32Array views
// of the same arena, with f64 intermediates. It is the yardstick the wasm kernels are tested
// against, and is itself checked against hand-computed values. Slow on purpose: clarity first.
// One file per kernel family, each with its formula (attention.ts is the readable attention);
// this class only binds them to an arena behind the `Kernels` interface.

import type { Arena, Ptr } from '../arena.js';
import { checkPair, type Kernels, type MatmulArgs } from '../kernels.js';
import * as adamw from './adamw.js';
import * as attention from './attention.js';
import * as crossEntropy from './cross-entropy.js';
import * as elementwise from './elementwise.js';
import * as embedding from './embedding.js';
import * as gelu from './gelu.js';
import * as layernorm from './layernorm.js';
import * as matmul from './matmul.js';
import * as softmax from './softmax.js';

export class ReferenceKernels implements Kernels {
  readonly impl = 'reference' as const;
  readonly threads = 1;
  constructor(readonly arena: Arena) {}

  dispose(): void {}

  matmul(...args: Parameters<Kernels['matmul']>): void {
    matmul.matmul(this.arena, ...args);
  }

  matmulPair(first: MatmulArgs, second: MatmulArgs): void {
    checkPair(first, second);
    matmul.matmul(this.arena, first);
    matmul.matmul(this.arena, second);
  }

  softmaxForward(...args: Parameters<Kernels['softmaxForward']>): void {
    softmax.softmaxForward(this.arena, ...args);
  }

  softmaxBackward(...args: Parameters<Kernels['softmaxBackward']>): void {
    softmax.softmaxBackward(this.arena, ...args);
  }

  crossEntropyForward(...args: Parameters<Kernels['crossEntropyForward']>): number {
    return crossEntropy.crossEntropyForward(this.arena, ...args);
  }

  crossEntropyBackward(...args: Parameters<Kernels['crossEntropyBackward']>): void {
    crossEntropy.crossEntropyBackward(this.arena, ...args);
  }

  layernormForward(...args: Parameters<Kernels['layernormForward']>): void {
    layernorm.layernormForward(this.arena, ...args);
  }

  layernormBackward(...args: Parameters<Kernels['layernormBackward']>): void {
    layernorm.layernormBackward(this.arena, ...args);
  }

  // The reference saves nothing for GELU's backward (`saved` is a speed-up, not a contract on its
  // contents): backward computes tanh again, in f64.
  geluForward(out: Ptr, inp: Ptr, n: number): void {
    gelu.geluForward(this.arena, out, inp, n);
  }

  geluBackward(dinp: Ptr, inp: Ptr, dout: Ptr, n: number): void {
    gelu.geluBackward(this.arena, dinp, inp, dout, n);
  }

  add(...args: Parameters<Kernels['add']>): void {
    elementwise.add(this.arena, ...args);
  }

  scale(...args: Parameters<Kernels['scale']>): void {
    elementwise.scale(this.arena, ...args);
  }

  columnSums(...args: Parameters<Kernels['columnSums']>): void {
    elementwise.columnSums(this.arena, ...args);
  }

  sumSquares(...args: Parameters<Kernels['sumSquares']>): number {
    return elementwise.sumSquares(this.arena, ...args);
  }

  gather(...args: Parameters<Kernels['gather']>): void {
    embedding.gather(this.arena, ...args);
  }

  scatterAdd(...args: Parameters<Kernels['scatterAdd']>): void {
    embedding.scatterAdd(this.arena, ...args);
  }

  adamw(...args: Parameters<Kernels['adamw']>): void {
    adamw.adamw(this.arena, ...args);
  }

  attentionForward(...args: Parameters<Kernels['attentionForward']>): void {
    attention.attentionForward(this.arena, ...args);
  }

  attentionBackward(...args: Parameters<Kernels['attentionBackward']>): void {
    attention.attentionBackward(this.arena, ...args);
  }
}
