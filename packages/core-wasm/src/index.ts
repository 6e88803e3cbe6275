// @glassbox/core-wasm: the numeric kernels behind one interface, and the arena they run over.
//
//   const k = await createKernels();          // wasm SIMD (default)
//   const k = await createKernels('reference'); // the plain TypeScript twin
//   const x = k.arena.alloc([B * T, C]);        // tensors live in k.arena
//   k.geluForward(y.ptr, x.ptr, x.size);

import { Arena } from './arena.js';
import type { KernelImpl, Kernels } from './kernels.js';
import { ReferenceKernels } from './reference/index.js';
import { type WasmKernelOptions, WasmKernels } from './wasm.js';

export { type Allocator, Arena, ArenaScope, IntTensor, type Ptr, Tensor } from './arena.js';
export type { AdamWArgs, AdamWSegment, KernelImpl, Kernels, MatmulArgs, ThreadWaits } from './kernels.js';
export { clipGradNorm } from './ops.js';
export { ReferenceKernels } from './reference/index.js';
export { availableCores, threadsAvailable } from './threads.js';
export { loadCoreModule, type WasmKernelOptions, WasmKernels } from './wasm.js';

/**
 * Kernels over a fresh arena. `wasm` is the fast default; `reference` is the readable twin.
 * `threads` > 1 (or 'auto') runs the big kernels on worker threads over a shared memory, where
 * the environment allows it (Node; cross-origin isolated pages); dispose() stops them.
 */
export async function createKernels(
  impl: KernelImpl = 'wasm',
  opts: WasmKernelOptions = {},
): Promise<Kernels> {
  if (impl === 'wasm') return WasmKernels.create(opts);
  // The reference twin needs no instance, only memory laid out the same way (offset 0 unused).
  return new ReferenceKernels(new Arena(new WebAssembly.Memory({ initial: 32 }), 64));
}
export { type SelfCheckRow, selfCheck } from './selfcheck.js';
export * from './word2vec-index.js';
export { xoshiro128ss } from './xoshiro.js';
