// `glassbox embed train`: word2vec (skip-gram or CBOW with negative sampling) on a corpus, with a
// progress line (epoch, loss, words/s, ETA), one line per finished epoch, the nearest neighbours
// of a few frequent words at the end, and the vectors written atomically to --out.

import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { GlassboxError } from '@glassbox/model';
import { etaSeconds, formatDuration } from '@glassbox/model/run';
import { WORD2VEC_DEFAULTS, Word2Vec, type Word2VecOptions } from '@glassbox/model/word2vec';
import type { Command } from 'commander';
import { ProgressLine } from '../ui/progress.js';
import { action } from '../ui/run.js';
import { fmt } from '../ui/table.js';
import { CORPUS_HELP, loadSentences } from './embed-corpus.js';
import { checkVectorsOutput, writeVectors } from './embed-files.js';
import { choiceFlag, intFlag, numberFlag } from './embed-flags.js';

interface TrainFlags {
  corpus: string;
  out: string;
  force?: boolean;
  model?: string;
  dim?: string;
  window?: string;
  negative?: string;
  epochs?: string;
  minCount?: string;
  sample?: string;
  alpha?: string;
  seed?: string;
  lowercase?: boolean;
}

const D = WORD2VEC_DEFAULTS;

export function registerEmbedTrain(embed: Command): void {
  embed
    .command('train')
    .description('train word2vec vectors (skip-gram or CBOW, negative sampling) on a corpus')
    .requiredOption('--corpus <name>', CORPUS_HELP)
    .requiredOption('--out <file>', 'vectors file: .bin (word2vec binary), .txt (text) or .tsv (Projector)')
    .option('--force', 'replace --out if it exists')
    .option('--model <name>', `skipgram or cbow (default ${D.model})`)
    .option('--dim <n>', `vector size (default ${D.dim})`)
    .option('--window <n>', `largest distance to a context word (default ${D.window})`)
    .option('--negative <n>', `noise words per example (default ${D.negative})`)
    .option('--epochs <n>', `passes over the corpus (default ${D.epochs})`)
    .option('--min-count <n>', `drop words seen fewer times (default ${D.minCount})`)
    .option('--sample <x>', `subsampling of frequent words, 0 for none (default ${D.sample})`)
    .option('--alpha <x>', `starting learning rate (default ${D.alpha})`)
    .option('--seed <n>', `seed for initialisation and sampling (default ${D.seed})`)
    .option('--lowercase', 'fold a corpus file to lowercase')
    .action(action(train));
}

export function word2vecOptions(
  f: Omit<TrainFlags, 'corpus' | 'out' | 'lowercase'>,
): Partial<Word2VecOptions> {
  const o: Partial<Word2VecOptions> = {
    model: choiceFlag(f.model, '--model', ['skipgram', 'cbow'] as const),
    dim: intFlag(f.dim, '--dim'),
    window: intFlag(f.window, '--window'),
    negative: intFlag(f.negative, '--negative'),
    epochs: intFlag(f.epochs, '--epochs'),
    minCount: intFlag(f.minCount, '--min-count'),
    sample: numberFlag(f.sample, '--sample'),
    alpha: numberFlag(f.alpha, '--alpha'),
    seed: intFlag(f.seed, '--seed', 0),
  };
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

async function train(flags: TrainFlags): Promise<void> {
  const options = word2vecOptions(flags);
  await checkVectorsOutput(flags.out, flags.force);
  const sentences = await loadSentences(flags.corpus, { lowercase: flags.lowercase, seed: options.seed });
  const w2v = await Word2Vec.create(sentences, options);
  const o = w2v.options;
  console.log(
    `word2vec ${o.model} on ${flags.corpus}: ${sentences.length.toLocaleString('en-US')} sentences, ` +
      `${w2v.vocab.rawWords.toLocaleString('en-US')} words, vocabulary ${w2v.vocab.words.length.toLocaleString('en-US')} ` +
      `(min count ${o.minCount}); dim ${o.dim}, window ${o.window}, negative ${o.negative}, sample ${o.sample}, ` +
      `${o.epochs} epochs, seed ${o.seed}`,
  );
  console.log(`loss before training: ${w2v.measureLoss().toFixed(4)} per example`);
  const line = new ProgressLine(process.stderr, 5_000);
  const start = performance.now();
  for (let e = 1; e <= o.epochs; e++) {
    const r = w2v.trainEpoch((p) => {
      const m = p.metrics ?? {};
      const pct = p.total ? Math.floor((100 * p.done) / p.total) : 0;
      const eta = etaSeconds(start, performance.now(), p.done, p.total ?? 0);
      line.update(
        `epoch ${e}/${o.epochs}  ${pct}%  loss ${fmt(m.loss, 4)}  ${Math.round(m.wordsPerSecond ?? 0).toLocaleString('en-US')} words/s  ETA ${formatDuration(eta)}`,
      );
    });
    line.log(
      `epoch ${e}/${o.epochs}: loss ${r.loss.toFixed(4)} per example (${r.trainLoss.toFixed(4)} during the epoch), ` +
        `${Math.round(r.wordsPerSecond).toLocaleString('en-US')} words/s, ${r.seconds.toFixed(1)} s`,
    );
  }
  line.clear();
  const vectors = w2v.vectors();
  const probes = w2v.vocab.words.filter((w) => /^\p{L}{3,}$/u.test(w)).slice(20, 24);
  for (const word of probes) {
    console.log(
      `  ${word}: ${vectors
        .nearest(word, 6)
        .map((n) => n.word)
        .join(', ')}`,
    );
  }
  if (!flags.out) throw new GlassboxError('say where to write the vectors', '--out');
  await mkdir(dirname(flags.out), { recursive: true });
  const files = await writeVectors(flags.out, vectors);
  console.log(
    `wrote ${vectors.size.toLocaleString('en-US')} vectors of ${vectors.dim} to ${files.join(' and ')}`,
  );
}
