// `data prepare` on disk: inputs (files, folders) → the output folder's clean.jsonl, removed.jsonl,
// stats.json and, given a tokenizer, tokenizer.json plus train/validation token shards. Three
// passes: curate (streamed: documents are read, judged and written one at a time), build the
// tokenizer (char, word and BPE are trained on the clean text, which is then held in memory;
// a tokenizer.json file is loaded), then encode clean.jsonl into shards with the seeded split.
// Every file is written atomically; stats.json last.

import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type CurateOptions, Curator } from '../data/curate.js';
import { isReadIssue } from '../data/document.js';
import type { ReaderOptions } from '../data/readers/index.js';
import { byteLines } from '../data/readers/lines.js';
import { tokenizerHash } from '../data/shards.js';
import { DocumentEncoder, EOT, validationMask } from '../data/split.js';
import type { DataStats, ShardSummary } from '../data/stats.js';
import type { Tokenizer } from '../tokenizer/types.js';
import { GlassboxError } from '../util/errors.js';
import type { ProgressFn } from '../util/progress.js';
import { fileChunks, listInputFiles, readInputFiles } from './data-readers.js';
import { writeFileAtomic } from './files.js';
import { JsonlWriter } from './jsonl-writer.js';
import { ShardWriter } from './shards.js';
import { tokenizerFromSpec } from './tokenizer-spec.js';

export interface PrepareOptions extends CurateOptions, ReaderOptions {
  out: string;
  /** A tokenizer.json path, "char", "word:N" or "bpe:N"; none: no shards. */
  tokenizer?: string;
  /** Default 0.1. */
  valFraction?: number;
  /** Seeds the split and MinHash. Default 1. */
  seed?: number;
  onProgress?: ProgressFn;
}

export async function prepareData(inputs: readonly string[], opts: PrepareOptions): Promise<DataStats> {
  const t0 = Date.now();
  const seed = opts.seed ?? 1;
  const files = await listInputFiles(inputs);
  if (files.length === 0) throw new GlassboxError('no input files found', inputs.join(', '));
  await mkdir(opts.out, { recursive: true });
  const progress = opts.onProgress ?? (() => {});

  const curator = new Curator([...inputs], {
    ...opts,
    minhash: opts.minhash === false ? false : { seed, ...opts.minhash },
  });
  const clean = await JsonlWriter.create(join(opts.out, 'clean.jsonl'));
  const removed = await JsonlWriter.create(join(opts.out, 'removed.jsonl'));
  let totalBytes = 0;
  for (const f of files) totalBytes += (await stat(f)).size;
  let seen = 0;
  let lastReport = 0;
  try {
    for await (const item of readInputFiles(files, opts)) {
      const r = curator.push(item);
      if (r.kind === 'kept') await clean.write(r.doc);
      else if (r.kind === 'removed') await removed.write(r.removal);
      if (!isReadIssue(item)) seen += item.text.length;
      if (Date.now() - lastReport > 100) {
        lastReport = Date.now();
        progress({
          stage: 'curate',
          done: Math.min(seen, totalBytes),
          total: totalBytes,
          metrics: curator.counts(),
        });
      }
    }
    await clean.close();
    await removed.close();
  } catch (e) {
    await clean.abort();
    await removed.abort();
    throw e;
  }
  const stats = curator.stats();
  progress({ stage: 'curate', done: totalBytes, total: totalBytes, metrics: curator.counts() });

  if (opts.tokenizer) {
    const tokenizer = await buildTokenizer(opts.tokenizer, join(opts.out, 'clean.jsonl'), progress);
    const hash = tokenizerHash(tokenizer);
    // Always beside the shards (trained or copied), so the folder is complete for training.
    await writeFileAtomic(join(opts.out, 'tokenizer.json'), JSON.stringify(tokenizer.toJSON()));
    stats.output.tokenizer = {
      kind: tokenizer.kind,
      vocabSize: tokenizer.vocabSize,
      hash,
      file: 'tokenizer.json',
    };
    stats.output.tokenizer.from = opts.tokenizer;
    const valFraction = opts.valFraction ?? 0.1;
    Object.assign(stats.output, await writeShards(opts.out, tokenizer, hash, valFraction, seed, progress));
    stats.output.valFraction = valFraction;
    stats.output.seed = seed;
  }
  stats.seconds = (Date.now() - t0) / 1000;
  await writeFileAtomic(join(opts.out, 'stats.json'), `${JSON.stringify(stats, null, 2)}\n`);
  return stats;
}

/** Clean documents' texts, streamed from clean.jsonl. */
async function* cleanTexts(path: string): AsyncGenerator<string> {
  for await (const line of byteLines(fileChunks(path), path))
    if (!('kind' in line) && line.text !== '') yield JSON.parse(line.text).text as string;
}

async function buildTokenizer(spec: string, cleanPath: string, progress: ProgressFn): Promise<Tokenizer> {
  const tokenizer = await tokenizerFromSpec(
    spec,
    async () => {
      progress({ stage: 'tokenizer', done: 0, message: `training ${spec} on the clean text` });
      const texts: string[] = [];
      for await (const t of cleanTexts(cleanPath)) texts.push(t);
      return texts;
    },
    { specialTokens: [EOT] },
  ); // documents are separated by <|endoftext|> in the shards
  progress({ stage: 'tokenizer', done: 1, total: 1, metrics: { vocabSize: tokenizer.vocabSize } });
  return tokenizer;
}

async function writeShards(
  out: string,
  tokenizer: Tokenizer,
  hash: string,
  valFraction: number,
  seed: number,
  progress: ProgressFn,
): Promise<{ train: ShardSummary; validation?: ShardSummary }> {
  const cleanPath = join(out, 'clean.jsonl');
  let n = 0;
  for await (const _ of cleanTexts(cleanPath)) n++;
  const mask = validationMask(n, valFraction, seed);
  const encoder = new DocumentEncoder(tokenizer);
  const info = {
    vocabSize: tokenizer.vocabSize,
    tokenizer: { kind: tokenizer.kind, hash },
    eot: encoder.eot,
    seed,
  };
  const train = await ShardWriter.create(join(out, 'train.bin'), { ...info, split: 'train' });
  const val =
    valFraction > 0
      ? await ShardWriter.create(join(out, 'val.bin'), { ...info, split: 'validation' })
      : undefined;
  const docs = { train: 0, validation: 0 };
  try {
    let i = 0;
    for await (const text of cleanTexts(cleanPath)) {
      const toVal = mask[i++] && val;
      await (toVal ? val : train).write(encoder.encode(text));
      docs[toVal ? 'validation' : 'train']++;
      if ((i & 63) === 0 || i === n) progress({ stage: 'shards', done: i, total: n });
    }
    await train.close({ documents: docs.train });
    await val?.close({ documents: docs.validation });
  } catch (e) {
    await train.abort();
    await val?.abort();
    throw e;
  }
  return {
    train: { file: 'train.bin', documents: docs.train, tokens: train.tokens },
    ...(val ? { validation: { file: 'val.bin', documents: docs.validation, tokens: val.tokens } } : {}),
  };
}
