// word2vec training: skip-gram or CBOW with negative sampling, frequent-word subsampling, a
// dynamic window and a learning rate falling linearly from alpha to minAlpha over the whole run
// (gensim's defaults and schedule). The corpus, the vectors and the tables live in one arena; the
// inner loop over a batch of ~10,000 words is one call into the core-wasm word2vec kernels.
// Everything random comes from one seeded stream, so the same seed gives the same vectors. One
// missing-word example at a time, for showing a single step: guessMissing/trainMissing (missing-word.ts).
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
import {
  guessMissingWord,
  type MissingWordGuess,
  type MissingWordModel,
  type MissingWordStep,
  trainMissingWord,
} from './missing-word.js';
import { WordVectors } from './vectors.js';
import { aliasTable, buildVocabulary, keepThresholds, type Vocabulary } from './vocab.js';
import { type EpochReport, validate, WORD2VEC_DEFAULTS, type Word2VecOptions } from './word2vec-options.js';

type Batch = { first: number; count: number; raw: number };

/** Every 20th batch (5 % of the corpus) is the fixed sample the loss is measured on. */
const SAMPLE_EVERY = 20;

export class Word2Vec {
  readonly history: EpochReport[] = [];
  private doneWords = 0;
  /** The noise draws of single missing-word steps: a stream of their own, so epochs are unchanged. */
  private missingRng?: Random;

  private constructor(
    readonly vocab: Vocabulary,
    readonly options: Word2VecOptions,
    private readonly k: Word2VecKernels,
    private readonly syn0: Tensor,
    private readonly batch: Omit<Word2VecBatch, 'starts' | 'sentences' | 'alpha'>,
    private readonly starts: number,
    private readonly batches: Batch[],
    /** RNG state and stats block for the loss measurement, and the state it always starts from. */
    private readonly probe: { rng: number; stats: number; state: Uint32Array },
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
    const corpus = layOutCorpus(
      k.arena,
      sentences,
      vocab.index,
      o.maxSentence,
      o.batchWords,
      o.dim,
      o.negative,
    );
    const noise = aliasTable(vocab.counts);
    const put = (xs: ArrayLike<number>) => {
      const t = k.arena.allocInt(xs.length);
      new Uint32Array(k.arena.memory.buffer, t.ptr, xs.length).set(xs);
      return t.ptr;
    };
    const probeState = Uint32Array.from(new Random(o.seed ^ 0x5bd1e995).state());
    const probe = { rng: put(probeState), stats: k.arena.allocBytes(24), state: probeState };
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
      rng: put(rng.state()),
      work: corpus.work,
      stats: k.arena.allocBytes(24),
    };
    return new Word2Vec(vocab, o, k, syn0, batch, corpus.starts, corpus.batches, probe);
  }

  get epochsDone(): number {
    return this.history.length;
  }

  /**
   * Mean loss per example of the vectors as they are, on the fixed 5 % sample with the same
   * subsampling and noise words every time, changing nothing (learning rate 0).
   */
  measureLoss(): number {
    new Uint32Array(this.k.arena.memory.buffer, this.probe.rng, 4).set(this.probe.state);
    const stats = this.stats(this.probe.stats);
    stats.fill(0);
    const sample = this.batches.filter((_, i) => i % SAMPLE_EVERY === 0);
    for (const b of sample) this.call(b, 0, this.probe.rng, this.probe.stats);
    return stats[0] / Math.max(1, stats[1]);
  }

  /** One pass over the corpus; progress after every kernel call. */
  trainEpoch(onProgress?: ProgressFn): EpochReport {
    const o = this.options;
    const total = this.vocab.rawWords * o.epochs;
    const stats = this.stats(this.batch.stats);
    stats.fill(0);
    const epoch = this.history.length + 1;
    const start = performance.now();
    let alpha = o.alpha;
    let epochWords = 0;
    for (const b of this.batches) {
      const progress = Math.min(1, this.doneWords / total);
      alpha = Math.max(o.minAlpha, o.alpha - (o.alpha - o.minAlpha) * progress);
      this.call(b, alpha, this.batch.rng, this.batch.stats);
      this.doneWords += b.raw;
      epochWords += b.raw;
      if (onProgress) {
        const now = performance.now();
        const live = this.stats(this.batch.stats);
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
    const done = this.stats(this.batch.stats);
    const report: EpochReport = {
      epoch,
      loss: 0,
      trainLoss: done[0] / Math.max(1, done[1]),
      examples: done[1],
      keptWords: done[2],
      seconds,
      wordsPerSecond: epochWords / seconds,
      alpha,
    };
    report.loss = this.measureLoss();
    this.history.push(report);
    return report;
  }

  /** Every remaining epoch. */
  train(onProgress?: ProgressFn): EpochReport[] {
    while (this.history.length < this.options.epochs) this.trainEpoch(onProgress);
    return this.history;
  }

  /** The learning rate the schedule gives the next batch (alpha falling linearly to minAlpha). */
  get currentAlpha(): number {
    const o = this.options;
    const progress = Math.min(1, this.doneWords / (this.vocab.rawWords * o.epochs));
    return Math.max(o.minAlpha, o.alpha - (o.alpha - o.minAlpha) * progress);
  }

  /**
   * CBOW's guess for the blank of `context` (softmax over the vocabulary of the mean context input
   * vector · each output vector) and how it rates `target`; changes nothing. See missing-word.ts.
   */
  guessMissing(context: readonly string[], target: string, top = 5): MissingWordGuess {
    return guessMissingWord(this.rows(), context, target, top);
  }

  /**
   * One negative-sampling training step on the single CBOW example (context → target), with the
   * kernels' formulas, in place: the guess before and after, the noise words and every vector it
   * moved. alpha defaults to the schedule's current rate; the noise words come from a stream of
   * their own (seeded from the model's seed), so later epochs draw as they would have.
   */
  trainMissing(
    context: readonly string[],
    target: string,
    options: { alpha?: number; top?: number } = {},
  ): MissingWordStep {
    this.missingRng ??= new Random(this.options.seed ^ 0x2545f491);
    return trainMissingWord(this.rows(), context, target, {
      alpha: options.alpha ?? this.currentAlpha,
      negative: this.options.negative,
      rng: this.missingRng,
      top: options.top,
    });
  }

  /** A copy of the word vectors as they are now. */
  vectors(): WordVectors {
    return new WordVectors(this.vocab.words, this.options.dim, this.syn0.data.slice());
  }

  /** Views of the rows and the noise table (fresh each time: the arena's memory may have grown). */
  private rows(): MissingWordModel {
    const buffer = this.k.arena.memory.buffer;
    const V = this.vocab.words.length;
    return {
      words: this.vocab.words,
      index: this.vocab.index,
      dim: this.options.dim,
      syn0: new Float32Array(buffer, this.batch.syn0, V * this.options.dim),
      syn1: new Float32Array(buffer, this.batch.syn1, V * this.options.dim),
      aliasProb: new Uint32Array(buffer, this.batch.aliasProb, V),
      aliasIdx: new Int32Array(buffer, this.batch.aliasIdx, V),
    };
  }

  private call(b: Batch, alpha: number, rng: number, stats: number): void {
    const call = { ...this.batch, starts: this.starts + 4 * b.first, sentences: b.count, alpha, rng, stats };
    if (this.options.model === 'skipgram') this.k.skipGram(call);
    else this.k.cbow(call);
  }

  private stats(at: number): Float64Array {
    return new Float64Array(this.k.arena.memory.buffer, at, 3);
  }
}
