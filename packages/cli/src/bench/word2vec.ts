// The word2vec benchmark: skip-gram and CBOW on the Brown corpus (lowercased, NLTK's sentences:
// 1,161,192 words) with gensim's settings — vector size 100, window 5, 5 noise words, sample
// 1e-3, min count 5 — single-threaded. The figure is milliseconds per epoch (median over the
// timed epochs, after one epoch of warm-up); words/s = corpus words / epoch time, as gensim
// counts them. The peer is gensim (Debian's python3-gensim, one worker, the same sentences and
// settings: bench-peers/word2vec_gensim.py), run in the same bench run right after ours when
// /usr/bin/python3 can import it; without it the section says so and prints only our rows.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Word2Vec } from '@glassbox/model/word2vec';
import { brownSentences } from '../commands/embed-corpus.js';
import { pythonModuleVersion, runPythonPeer } from './python-peers.js';
import { median } from './timing.js';
import type { BenchOptions, BenchRow, BenchSection } from './types.js';

async function run(opts: BenchOptions, emit: (r: BenchRow) => void): Promise<void> {
  const all = await brownSentences();
  // Quick: the first tenth of the corpus, one warm-up and one timed epoch.
  const sentences = opts.quick ? all.slice(0, Math.ceil(all.length / 10)) : all;
  const words = sentences.reduce((n, s) => n + s.length, 0);
  const timed = opts.quick ? 1 : 3;
  const gensim = pythonModuleVersion('gensim');
  if (!gensim)
    process.stderr.write('  gensim not installed (apt-get install python3-gensim): no peer rows\n');
  const dir = mkdtempSync(join(tmpdir(), 'glassbox-bench-w2v-'));
  const file = join(dir, 'sentences.txt');
  if (gensim) writeFileSync(file, `${sentences.map((s) => s.join(' ')).join('\n')}\n`);
  try {
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
      const epochs = gensim
        ? runPythonPeer<{ epochSeconds: number[] }>('word2vec_gensim.py', [file, model, 1 + timed], {
            timeoutMs: 1_800_000,
          })?.epochSeconds
        : undefined;
      if (!epochs) continue;
      const peerMs = median(epochs.slice(1).map((sec) => sec * 1000));
      emit({
        kernel,
        shape,
        impl: `gensim ${gensim}`,
        threads: 1,
        ms: peerMs,
        extra: { words_per_s: (words / peerMs) * 1000 },
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const word2vecSections: BenchSection[] = [
  {
    name: 'word2vec',
    description:
      'word2vec on Brown (1,161,192 words; dim 100, window 5, negative 5, sample 1e-3, min count 5), ms per epoch, 1 thread; ' +
      'words/s = words / epoch time; gensim (python3-gensim, 1 worker) on the same sentences in the same run',
    run,
  },
];
