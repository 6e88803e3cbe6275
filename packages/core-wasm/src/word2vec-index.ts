// Everything word2vec in the numeric core, re-exported from the package index in one line, and
// the factory that picks an implementation.

import { Arena } from './arena.js';
import type { KernelImpl } from './kernels.js';
import type { Word2VecKernels } from './word2vec.js';
import { ReferenceWord2Vec } from './word2vec-reference.js';
import { WasmWord2Vec } from './word2vec-wasm.js';

export {
  checkWord2VecBatch,
  readWord2VecStats,
  type Word2VecBatch,
  type Word2VecKernels,
  word2vecWorkBytes,
} from './word2vec.js';
export { ReferenceWord2Vec } from './word2vec-reference.js';
export { WasmWord2Vec } from './word2vec-wasm.js';

/** word2vec kernels over a fresh arena: `wasm` (the fast default) or `reference` (the readable twin). */
export async function createWord2VecKernels(impl: KernelImpl = 'wasm'): Promise<Word2VecKernels> {
  if (impl === 'wasm') return WasmWord2Vec.create();
  return new ReferenceWord2Vec(new Arena(new WebAssembly.Memory({ initial: 16 }), 64));
}
