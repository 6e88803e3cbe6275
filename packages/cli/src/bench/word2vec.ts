// The word2vec benchmark: skip-gram and CBOW on the Brown corpus (lowercased, NLTK's sentences:
// 1,161,192 words) with gensim's settings — vector size 100, window 5, 5 noise words, sample
// 1e-3, min count 5 — single-threaded. The figure is milliseconds per epoch (median over the
// timed epochs, after one epoch of warm-up); words/s = corpus words / epoch time, as gensim
// counts them. gensim 4.2 cannot run in this process: its rows are the single-worker figures
// measured earlier on these machines (shared/BENCHMARKS.md), labelled as such.

import { Word2Vec } from '@glassbox/model/word2vec';
import { brownSentences } from '../commands/embed-corpus.js';
import { median } from './timing.js';
import type { BenchOptions, BenchRow, BenchSection } from './types.js';

/** gensim 4.2.0, 1 worker, 5 epochs, Brown: raw words per second (BENCHMARKS.md). */
const GENSIM_WORDS_PER_SECOND = { skipgram: 313_000, cbow: 689_000 } as const;
const GENSIM = 'gensim 4.2 (BENCHMARKS.md)';

async function run(opts: BenchOptions, emit: (r: BenchRow) => void): Promise<void> {
  const all = await brownSentences();
  // Quick: the first tenth of the corpus, one warm-up and one timed epoch.
  const sentences = opts.quick ? all.slice(0, Math.ceil(all.length / 10)) : all;
  const words = sentences.reduce((n, s) => n + s.length, 0);
  const timed = opts.quick ? 1 : 3;
  for (const model of ['skipgram', 'cbow'] as const) {
    const w2v = await Word2Vec.create(sentences, { model, epochs: 1 + timed });
    const reports = w2v.train();
    const ms = median(reports.slice(1).map((r) => r.seconds * 1000));
    const kernel = `word2vec ${model === 'skipgram' ? 'skip-gram' : 'CBOW'} (ms per epoch)`;
    const shape = [words, w2v.options.dim];
    emit({
      kernel,
      shape,
      impl: 'glassbox',
      threads: 1,
      ms,
      extra: { words_per_s: (words / ms) * 1000 },
    });
    const gensim = GENSIM_WORDS_PER_SECOND[model];
    emit({
      kernel,
      shape,
      impl: GENSIM,
      threads: 1,
      ms: (words / gensim) * 1000,
      extra: { words_per_s: gensim },
    });
  }
}

export const word2vecSections: BenchSection[] = [
  {
    name: 'word2vec',
    description:
      'word2vec on Brown (1,161,192 words; dim 100, window 5, negative 5, sample 1e-3, min count 5), ms per epoch, 1 thread; ' +
      'words/s = words / epoch time. gensim figures are from BENCHMARKS.md (measured earlier, not in this run)',
    run,
  },
];
