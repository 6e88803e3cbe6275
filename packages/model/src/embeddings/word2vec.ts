// word2vec training: skip-gram or CBOW with negative sampling, frequent-word subsampling, a
// dynamic window and a learning rate falling linearly from alpha to minAlpha over the whole run
// (gensim's defaults and schedule). The corpus, the vectors and the tables live in one arena; the
// inner loop over a batch of ~10,000 words is one call into the core-wasm word2vec kernels.
// Everything random comes from one seeded stream, so the same seed gives the same vectors.
// Does not handle: hierarchical softmax, several threads, growing the vocabulary after creation.

import {
  createWord2VecKernels,
  type Tensor,
  type Word2VecBatch,
  type Word2VecKernels,
} from '@glassbox/core-wasm';
import { GlassboxError } from '../util/errors.js';
import { etaSeconds, type ProgressFn } from '../util/progress.js';
import { Random } from '../util/random.js';
import { layOutCorpus } from './corpus-layout.js';
import { WordVectors } from './vectors.js';
import { aliasTable, buildVocabulary, keepThresholds, type Vocabulary } from './vocab.js';

export interface Word2VecOptions {
  model: 'skipgram' | 'cbow';
  /** Vector size. */
  dim: number;
  /** Largest distance between the center word and a context word. */
  window: number;
  /** Noise words per example. */
  negative: number;
  epochs: number;
  /** Words seen fewer times are dropped from the vocabulary (and from the sentences). */
  minCount: number;
  /** Subsampling of frequent words (0 turns it off). */
  sample: number;
  /** Learning rate at the start and at the end of training (linear in between). */
  alpha: number;
  minAlpha: number;
  seed: number;
  /** Words per kernel call; the learning rate and the progress events step between calls. */
  batchWords: number;
  /** Longer sentences are cut into pieces of this many words. */
  maxSentence: number;
  /** Kernel implementation: 'wasm' (fast) or 'reference' (the readable twin, for tests). */
  impl: 'wasm' | 'reference';
}

export const WORD2VEC_DEFAULTS: Word2VecOptions = {
  model: 'skipgram',
  dim: 100,
  window: 5,
  negative: 5,
  epochs: 5,
  minCount: 5,
  sample: 1e-3,
  alpha: 0.025,
  minAlpha: 0.0001,
  seed: 1,
  batchWords: 10_000,
  maxSentence: 10_000,
  impl: 'wasm',
};

export interface EpochReport {
  epoch: number;
  /** Mean loss per example: −ln σ(positive) − Σ ln σ(−noise), summed in f64. */
  loss: number;
  examples: number;
  /** Words left after subsampling. */
  keptWords: number;
  seconds: number;
  /** Raw corpus words (every token, as gensim counts them) per second. */
  wordsPerSecond: number;
  /** Learning rate at the end of the epoch. */
  alpha: number;
}

export class Word2Vec {
  readonly history: EpochReport[] = [];
  private doneWords = 0;

  private constructor(
    readonly vocab: Vocabulary,
    readonly options: Word2VecOptions,
    private readonly k: Word2VecKernels,
    private readonly syn0: Tensor,
    private readonly batch: Omit<Word2VecBatch, 'starts' | 'sentences' | 'alpha'>,
    private readonly starts: number,
    private readonly batches: { first: number; count: number; raw: number }[],
  ) {}

  /** Builds the vocabulary, lays the corpus out and initialises the vectors (seeded). */
  static async create(
    sentences: readonly (readonly string[])[],
    options: Partial<Word2VecOptions> = {},
  ): Promise<Word2Vec> {
    const o = { ...WORD2VEC_DEFAULTS, ...options };
    validate(o);
    const vocab = buildVocabulary(sentences, o.minCount);
    if (vocab.words.length === 0) {
      throw new GlassboxError(
        `no word occurs at least ${o.minCount} times in this corpus of ${vocab.rawWords} words; lower the minimum count`,
        'min-count',
      );
    }
    const k = await createWord2VecKernels(o.impl);
    const rng = new Random(o.seed);
    const V = vocab.words.length;
    const syn0 = k.arena.alloc([V, o.dim]); // (V, dim): the word vectors
    const syn1 = k.arena.alloc([V, o.dim]); // (V, dim): output vectors, zero as in word2vec
    const init = syn0.data;
    for (let i = 0; i < init.length; i++) init[i] = (rng.next() - 0.5) / o.dim;
    const corpus = layOutCorpus(k.arena, sentences, vocab.index, o.maxSentence, o.batchWords, o.dim);
    const noise = aliasTable(vocab.counts);
    const put = (xs: Uint32Array | Int32Array) => {
      const t = k.arena.allocInt(xs.length);
      new Uint32Array(k.arena.memory.buffer, t.ptr, xs.length).set(xs);
      return t.ptr;
    };
    const rngPtr = put(Uint32Array.from(rng.state()));
    const batch = {
      syn0: syn0.ptr,
      syn1: syn1.ptr,
      dim: o.dim,
      words: corpus.words,
      keep: put(keepThresholds(vocab.counts, o.sample, vocab.retainedWords)),
      aliasProb: put(noise.prob),
      aliasIdx: put(noise.alias),
      vocab: V,
      window: o.window,
      negative: o.negative,
      rng: rngPtr,
      work: corpus.work,
      stats: k.arena.allocBytes(24),
    };
    return new Word2Vec(vocab, o, k, syn0, batch, corpus.starts, corpus.batches);
  }

  get epochsDone(): number {
    return this.history.length;
  }

  /** One pass over the corpus; progress after every kernel call. */
  trainEpoch(onProgress?: ProgressFn): EpochReport {
    const o = this.options;
    const total = this.vocab.rawWords * o.epochs;
    const stats = new Float64Array(this.k.arena.memory.buffer, this.batch.stats, 3);
    stats.fill(0);
    const epoch = this.history.length + 1;
    const start = performance.now();
    let alpha = o.alpha;
    let epochWords = 0;
    for (const b of this.batches) {
      const progress = Math.min(1, this.doneWords / total);
      alpha = Math.max(o.minAlpha, o.alpha - (o.alpha - o.minAlpha) * progress);
      const call = { ...this.batch, starts: this.starts + 4 * b.first, sentences: b.count, alpha };
      if (o.model === 'skipgram') this.k.skipGram(call);
      else this.k.cbow(call);
      this.doneWords += b.raw;
      epochWords += b.raw;
      if (onProgress) {
        const now = performance.now();
        const live = new Float64Array(this.k.arena.memory.buffer, this.batch.stats, 3);
        onProgress({
          stage: 'word2vec',
          done: this.doneWords,
          total,
          metrics: {
            epoch,
            loss: live[0] / Math.max(1, live[1]),
            wordsPerSecond: epochWords / ((now - start) / 1000),
            alpha,
            eta: etaSeconds(start, now, epochWords, this.vocab.rawWords) ?? 0,
          },
        });
      }
    }
    const seconds = (performance.now() - start) / 1000;
    const done = new Float64Array(this.k.arena.memory.buffer, this.batch.stats, 3);
    const report: EpochReport = {
      epoch,
      loss: done[0] / Math.max(1, done[1]),
      examples: done[1],
      keptWords: done[2],
      seconds,
      wordsPerSecond: epochWords / seconds,
      alpha,
    };
    this.history.push(report);
    return report;
  }

  /** Every remaining epoch. */
  train(onProgress?: ProgressFn): EpochReport[] {
    while (this.history.length < this.options.epochs) this.trainEpoch(onProgress);
    return this.history;
  }

  /** A copy of the word vectors as they are now. */
  vectors(): WordVectors {
    return new WordVectors(this.vocab.words, this.options.dim, this.syn0.data.slice());
  }
}

function validate(o: Word2VecOptions): void {
  if (o.model !== 'skipgram' && o.model !== 'cbow') {
    throw new GlassboxError(`unknown model "${o.model}"; choose skipgram or cbow`, 'model');
  }
  const ints: [keyof Word2VecOptions, number][] = [
    ['dim', 1],
    ['window', 1],
    ['negative', 1],
    ['epochs', 1],
    ['minCount', 1],
    ['batchWords', 1],
    ['maxSentence', 1],
  ];
  for (const [key, min] of ints) {
    const v = o[key] as number;
    if (!Number.isInteger(v) || v < min)
      throw new GlassboxError(`expected an integer ≥ ${min}, got ${v}`, key);
  }
  if (!(o.sample >= 0 && o.sample < 1))
    throw new GlassboxError(`expected 0 ≤ sample < 1, got ${o.sample}`, 'sample');
  if (!(o.alpha > 0 && o.minAlpha >= 0 && o.minAlpha <= o.alpha)) {
    throw new GlassboxError(
      `expected 0 ≤ minAlpha ≤ alpha and alpha > 0, got ${o.minAlpha}, ${o.alpha}`,
      'alpha',
    );
  }
}
