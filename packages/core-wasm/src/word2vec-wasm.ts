// The wasm word2vec kernels: core.wasm instantiated over its own memory (the arena that holds the
// vectors, the corpus ids and the tables), each call forwarded to w2vTrain.

import { Arena, type Ptr } from './arena.js';
import { loadCoreModule } from './wasm.js';
import { checkWord2VecBatch, type Word2VecBatch, type Word2VecKernels } from './word2vec.js';

type W2vFn = (
  cbow: number,
  syn0: Ptr,
  syn1: Ptr,
  dim: number,
  words: Ptr,
  starts: Ptr,
  sentences: number,
  keep: Ptr,
  aliasProb: Ptr,
  aliasIdx: Ptr,
  vocab: number,
  window: number,
  negative: number,
  alpha: number,
  rng: Ptr,
  work: Ptr,
  stats: Ptr,
) => void;

interface W2vExports {
  heapBase(): number;
  w2vTrain: W2vFn;
}

export class WasmWord2Vec implements Word2VecKernels {
  readonly impl = 'wasm' as const;
  private constructor(
    readonly arena: Arena,
    private readonly x: W2vExports,
  ) {}

  static async create(initialPages = 16): Promise<WasmWord2Vec> {
    const memory = new WebAssembly.Memory({ initial: initialPages });
    const instance = await WebAssembly.instantiate(await loadCoreModule(), { env: { memory } });
    const x = instance.exports as unknown as W2vExports;
    return new WasmWord2Vec(new Arena(memory, x.heapBase()), x);
  }

  skipGram(b: Word2VecBatch): void {
    this.call(0, b);
  }

  cbow(b: Word2VecBatch): void {
    this.call(1, b);
  }

  private call(cbow: number, b: Word2VecBatch): void {
    checkWord2VecBatch(b);
    this.x.w2vTrain(
      cbow,
      b.syn0,
      b.syn1,
      b.dim,
      b.words,
      b.starts,
      b.sentences,
      b.keep,
      b.aliasProb,
      b.aliasIdx,
      b.vocab,
      b.window,
      b.negative,
      b.alpha,
      b.rng,
      b.work,
      b.stats,
    );
  }
}
