// `data prepare` on disk: inputs (files, folders) → the output folder's clean.jsonl, removed.jsonl,
// stats.json and, given a tokenizer, tokenizer.json plus train/validation token shards. Three
// passes: curate (streamed: documents are read, judged and written one at a time), build the
// tokenizer (char, word and BPE are trained on the clean text, which is then held in memory;
// a tokenizer.json file is loaded), then encode clean.jsonl into shards with the seeded split.
// The whole output is written afresh into a staging folder beside --out and swapped in only when
// complete, so a failed run (bad input, a tokenizer that cannot be trained, nothing kept) leaves
// the old folder as it was and no partial one; a folder that already holds files is replaced
// only when asked (force). A run that keeps no document is an error, with the reasons.

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { type CurateOptions, type CurateResult, Curator } from '../data/curate.js';
import { isReadIssue, isReadSkip, type ReadItem } from '../data/document.js';
import type { Judgement } from '../data/judge.js';
import type { LanguageFilterConfig } from '../data/language.js';
import type { ReaderOptions } from '../data/readers/index.js';
import { byteLines } from '../data/readers/lines.js';
import { tokenizerHash } from '../data/shards.js';
import { DocumentEncoder, EOT, validationMask } from '../data/split.js';
import { type DataStats, reasonCounts, type ShardSummary } from '../data/stats.js';
import { EXAMPLE_URL_BLOCKLIST, parseUrlBlockList } from '../data/url-filter.js';
import { BUILT_TOKENIZER_SPEC } from '../run/corpus.js';
import type { Tokenizer } from '../tokenizer/types.js';
import { GlassboxError } from '../util/errors.js';
import type { ProgressFn } from '../util/progress.js';
import { fileChunks, listInputFiles, readInputFiles } from './data-readers.js';
import { readTextFile, writeFileAtomic } from './files.js';
import { JsonlWriter } from './jsonl-writer.js';
import { JudgePool, workerInit } from './judge-pool.js';
import { nodeLanguageModel } from './language.js';
import { checkOutput } from './outputs.js';
import { ShardWriter } from './shards.js';
import { tokenizerFromSpec } from './tokenizer-spec.js';

export interface PrepareOptions extends Omit<CurateOptions, 'language' | 'urlBlockList'>, ReaderOptions {
  out: string;
  /** Replace an output folder that already holds files. */
  force?: boolean;
  /** A tokenizer.json path, "char", "word:N" or "bpe:N"; none: no shards. */
  tokenizer?: string;
  /** Default 0.1. */
  valFraction?: number;
  /** Seeds the split and MinHash. Default 1. */
  seed?: number;
  /** Worker threads judging documents (extraction, language, filters). Default 1: this thread. */
  threads?: number;
  /** Language identification (fastText lid.176, English, 0.65 by default; modelPath: another fastText model); false skips it. */
  language?: (Partial<LanguageFilterConfig> & { modelPath?: string }) | false;
  /** A block list file (one domain or word per line) instead of the built-in example; false skips the URL filter. */
  urlBlockList?: string | false;
  onProgress?: ProgressFn;
}

export async function prepareData(inputs: readonly string[], opts: PrepareOptions): Promise<DataStats> {
  const t0 = Date.now();
  const seed = opts.seed ?? 1;
  const files = await listInputFiles(inputs);
  if (files.length === 0) throw new GlassboxError('no input files found', inputs.join(', '));
  await checkOutput(opts.out, { kind: 'folder', force: opts.force, inputs: files });
  if (opts.tokenizer) await checkTokenizerSpec(opts.tokenizer);
  const progress = opts.onProgress ?? (() => {});
  const memory = new PeakMemory();

  const urlBlockList =
    opts.urlBlockList === false
      ? false
      : opts.urlBlockList
        ? parseUrlBlockList(await readTextFile(opts.urlBlockList, 'URL block list'), opts.urlBlockList)
        : parseUrlBlockList(EXAMPLE_URL_BLOCKLIST);
  let language: CurateOptions['language'] = false;
  if (opts.language !== false) {
    progress({ stage: 'curate', done: 0, message: 'loading the language model' });
    const { modelPath, ...cfg } = opts.language ?? {};
    language = { ...cfg, model: await nodeLanguageModel(modelPath) };
  }

  const curator = await Curator.create([...inputs], {
    ...opts,
    urlBlockList,
    language,
    minhash: opts.minhash === false ? false : { seed, ...opts.minhash },
  });
  let totalBytes = 0;
  for (const f of files) totalBytes += (await stat(f)).size;

  const staging = join(
    dirname(resolve(opts.out)),
    `.${basename(resolve(opts.out))}.${randomBytes(4).toString('hex')}.tmp`,
  );
  await mkdir(staging, { recursive: true });
  try {
    const stats = await curate(curator, files, staging, opts, totalBytes, progress, memory);
    stats.input = { files: files.length, bytes: totalBytes };
    if (stats.output.documents === 0) throw nothingKept(stats);

    if (opts.tokenizer) {
      const tokenizer = await buildTokenizer(opts.tokenizer, join(staging, 'clean.jsonl'), progress);
      const hash = tokenizerHash(tokenizer);
      // Always beside the shards (trained or copied), so the folder is complete for training.
      await writeFileAtomic(join(staging, 'tokenizer.json'), JSON.stringify(tokenizer.toJSON()));
      stats.output.tokenizer = {
        kind: tokenizer.kind,
        vocabSize: tokenizer.vocabSize,
        hash,
        file: 'tokenizer.json',
      };
      stats.output.tokenizer.from = opts.tokenizer;
      const valFraction = opts.valFraction ?? 0.1;
      Object.assign(stats.output, await writeShards(staging, tokenizer, hash, valFraction, seed, progress));
      stats.output.valFraction = valFraction;
      stats.output.seed = seed;
    }
    stats.seconds = (Date.now() - t0) / 1000;
    stats.peakMemory = memory.sample();
    await writeFileAtomic(join(staging, 'stats.json'), `${JSON.stringify(stats, null, 2)}\n`);
    await swapInto(staging, opts.out);
    return stats;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function curate(
  curator: Curator,
  files: string[],
  dir: string,
  opts: PrepareOptions,
  totalBytes: number,
  progress: ProgressFn,
  memory: PeakMemory,
): Promise<DataStats> {
  const clean = await JsonlWriter.create(join(dir, 'clean.jsonl'));
  const removed = await JsonlWriter.create(join(dir, 'removed.jsonl'));
  const threads = opts.threads ?? 1;
  const pool =
    threads > 1
      ? await JudgePool.start(
          threads,
          workerInit(curator.judge, opts.language ? opts.language.modelPath : undefined),
        )
      : undefined;
  const write = async (r: CurateResult) => {
    if (r.kind === 'kept') await clean.write(r.doc);
    else if (r.kind === 'removed') await removed.write(r.removal);
  };
  // With a pool, problems and skipped records wait for the documents read before them.
  const held: { after: number; item: ReadItem }[] = [];
  let sent = 0;
  let accepted = 0;
  const flushHeld = async () => {
    while (held.length > 0 && held[0].after <= accepted) await write(curator.push(held.shift()!.item));
  };
  const acceptAll = async (judgements: Judgement[]) => {
    for (const j of judgements) {
      await flushHeld();
      await write(curator.accept(j));
      accepted++;
    }
    await flushHeld();
  };

  let seen = 0;
  let lastReport = 0;
  const sizes = new Map<string, number>();
  for (const f of files) sizes.set(f, (await stat(f)).size);
  let doneFiles = 0;
  let current = '';
  try {
    for await (const item of readInputFiles(files, opts)) {
      if (!pool) await write(curator.push(item));
      else if ('kind' in item) {
        held.push({ after: sent, item });
        await flushHeld();
      } else {
        sent++;
        await acceptAll(await pool.add(item));
      }
      if (item.source !== current) {
        if (current) doneFiles += sizes.get(current) ?? 0;
        current = item.source;
      }
      // Progress in bytes of the files: a WARC record's offset, else the text read so far.
      if (!isReadIssue(item) && !isReadSkip(item))
        seen = item.offset !== undefined ? doneFiles + item.offset : seen + item.text.length;
      if (Date.now() - lastReport > 100) {
        lastReport = Date.now();
        progress({
          stage: 'curate',
          done: Math.min(Math.max(seen, doneFiles), totalBytes),
          total: totalBytes,
          metrics: { ...curator.counts(), rss: memory.sample() },
        });
      }
    }
    if (pool) await acceptAll(await pool.flush());
    await clean.close();
    await removed.close();
  } catch (e) {
    await clean.abort();
    await removed.abort();
    throw e;
  } finally {
    await pool?.close();
  }
  progress({
    stage: 'curate',
    done: totalBytes,
    total: totalBytes,
    metrics: { ...curator.counts(), rss: memory.sample() },
  });
  return curator.stats();
}

/** Puts the finished staging folder in place of `out` (moving the old one aside, then removing it). */
async function swapInto(staging: string, out: string): Promise<void> {
  const target = resolve(out);
  const old = `${staging}.old`;
  if (existsSync(target)) await rename(target, old);
  await rename(staging, target);
  await rm(old, { recursive: true, force: true });
}

/** Fails before curating on a tokenizer spec that cannot work (an unknown name, a size too small, a bad file). */
async function checkTokenizerSpec(spec: string): Promise<void> {
  if (spec === 'gpt2') return;
  if (!BUILT_TOKENIZER_SPEC.test(spec)) {
    await tokenizerFromSpec(spec, async () => []);
    return;
  }
  try {
    await tokenizerFromSpec(spec, async () => ['a'], { specialTokens: [EOT] });
  } catch (e) {
    if (e instanceof GlassboxError && e.field === 'tokenizer') throw e;
  }
}

function nothingKept(stats: DataStats): GlassboxError {
  const read = stats.stages[0];
  const reasons = reasonCounts(stats)
    .slice(0, 5)
    .map((r) => `${r.reason} ${r.count}`)
    .join(', ');
  const what =
    read.docsOut === 0
      ? `no document could be read (${stats.issues.count} problem${stats.issues.count === 1 ? '' : 's'} in the input${reasons ? `: ${reasons}` : ''})`
      : `${read.docsOut === 1 ? 'the one document read was' : `all ${read.docsOut} documents read were`} removed (${reasons})`;
  return new GlassboxError(`nothing kept: ${what}; nothing was written`, stats.inputs.join(', '));
}

/** Peak resident memory of this process, sampled. */
class PeakMemory {
  private peak = 0;
  sample(): number {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
    return this.peak;
  }
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
