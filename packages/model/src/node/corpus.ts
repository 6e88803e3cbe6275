// Corpora on disk, as runs name them: "brown" and "toy" (built in), a text file, or a folder of
// token shards written by `data prepare` (train.bin, val.bin, their sidecars and tokenizer.json).
// Opening one gives its run-record reference (absolute path and content hash) and its tokens for
// training; reopening a recorded one checks that its content is still what the run trained on.

import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import {
  contentHash,
  encodeForTraining,
  type TrainingTokens,
  tourCorpusText,
  toyCorpusText,
} from '../run/corpus.js';
import { checkCorpus } from '../run/pretrain.js';
import { type CorpusRef, describeCorpus, isBuiltInCorpus } from '../run/record.js';
import { tokenizerFromJSON } from '../tokenizer/load.js';
import type { Tokenizer } from '../tokenizer/types.js';
import { GlassboxError } from '../util/errors.js';
import { brownText } from './brown.js';
import { readTextFile } from './files.js';
import { readShard } from './shards.js';
import { TRAINING_TEXT_LIMIT } from './text-input.js';
import { tokenizerFromSpec } from './tokenizer-spec.js';

/** A corpus opened for a run: text to tokenize, or a shard folder's ready tokens. */
export type OpenedCorpus =
  | { ref: CorpusRef; kind: 'text'; text: string }
  | { ref: CorpusRef; kind: 'shards'; dir: string };

/** Opens `spec` (brown, toy, tour, a text file or a shard folder), hashing what it reads. */
export async function openCorpus(spec: string): Promise<OpenedCorpus> {
  if (spec === 'brown') return { ref: { kind: 'brown' }, kind: 'text', text: await brownText() };
  if (spec === 'toy') return { ref: { kind: 'toy' }, kind: 'text', text: toyCorpusText() };
  if (spec === 'tour') return { ref: { kind: 'tour' }, kind: 'text', text: tourCorpusText() };
  const path = resolve(spec);
  if (existsSync(path) && statSync(path).isDirectory()) {
    return { ref: { kind: 'shards', path, sha256: await shardsHash(path) }, kind: 'shards', dir: path };
  }
  const text = await readTextFile(spec, 'training text file', TRAINING_TEXT_LIMIT);
  return { ref: { kind: 'file', path, sha256: contentHash(text) }, kind: 'text', text };
}

/**
 * Reopens the corpus a run record names — or `override`, when the caller points at it anew (a
 * file moved, or a text dropped in the explorer that has no path) — and refuses content that is
 * not what the run trained on unless `allowChanged`.
 */
export async function reopenCorpus(
  recorded: CorpusRef,
  override?: string,
  allowChanged = false,
): Promise<OpenedCorpus> {
  let spec = override;
  if (spec === undefined) {
    if (isBuiltInCorpus(recorded)) spec = recorded.kind;
    else if (isAbsolute(recorded.path) && existsSync(recorded.path)) spec = recorded.path;
    else
      throw new GlassboxError(
        `the run trained on ${describeCorpus(recorded)}, which is not at that path here; point at the same data again`,
        { field: 'data' },
      );
  }
  const opened = await openCorpus(spec);
  checkCorpus(recorded, opened.ref, allowChanged);
  return opened;
}

/**
 * The tokens of an opened corpus: text encoded with `tokenizer` (an existing one, or built from
 * its spec on this text) and split by position; a shard folder's train/val shards as they are.
 */
export async function corpusTokens(
  corpus: OpenedCorpus,
  tokenizer: Tokenizer | string,
  valFraction: number,
): Promise<TrainingTokens> {
  if (corpus.kind === 'shards')
    return shardTokens(corpus.dir, typeof tokenizer === 'string' ? undefined : tokenizer);
  const tok =
    typeof tokenizer === 'string' ? await tokenizerFromSpec(tokenizer, async () => [corpus.text]) : tokenizer;
  return encodeForTraining(corpus.text, tok, valFraction, describeCorpus(corpus.ref));
}

/** A `data prepare` output folder: train.bin (+ val.bin) with sidecars and tokenizer.json. */
async function shardTokens(dir: string, existing?: Tokenizer): Promise<TrainingTokens> {
  const tokPath = join(dir, 'tokenizer.json');
  if (!existing && !existsSync(tokPath)) {
    throw new GlassboxError('no tokenizer.json in this folder; pass a `data prepare` output folder', dir);
  }
  const tokenizer =
    existing ?? tokenizerFromJSON(parseJSON(await readTextFile(tokPath, 'tokenizer file'), tokPath), tokPath);
  const trainPath = join(dir, 'train.bin');
  if (!existsSync(trainPath)) throw new GlassboxError('no train.bin shard in this folder', dir);
  const train = await readShard(trainPath);
  if (train.meta.vocabSize > tokenizer.vocabSize) {
    throw new GlassboxError(
      `shard uses ${train.meta.vocabSize} ids but the tokenizer has ${tokenizer.vocabSize}`,
      trainPath,
    );
  }
  const valPath = validationShard(dir);
  // A one-document corpus gets an empty validation shard: train without validation then.
  const valShard = valPath ? await readShard(valPath) : undefined;
  if (valShard && valPath && valShard.meta.vocabSize > tokenizer.vocabSize)
    throw new GlassboxError(
      `shard uses ${valShard.meta.vocabSize} ids but the tokenizer has ${tokenizer.vocabSize}`,
      valPath,
    );
  const valIds = valShard?.ids;
  const val = valIds?.length ? valIds : undefined;
  const n = (x: number) => x.toLocaleString('en-US');
  return {
    tokenizer,
    train: train.ids,
    val,
    description: `${dir}: ${n(train.ids.length)} train / ${n(val?.length ?? 0)} validation tokens (vocabulary ${tokenizer.vocabSize})`,
  };
}

function validationShard(dir: string): string | undefined {
  return ['val.bin', 'validation.bin'].map((f) => join(dir, f)).find((p) => existsSync(p));
}

/** The content hash of a shard folder: of its train shard and validation shard, in that order. */
async function shardsHash(dir: string): Promise<string> {
  const parts: string[] = [];
  for (const path of [join(dir, 'train.bin'), validationShard(dir)]) {
    if (path && existsSync(path)) parts.push(contentHash(new Uint8Array(await readFile(path))));
  }
  return contentHash(parts.join('\n'));
}

function parseJSON(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new GlassboxError(`not valid JSON (${(e as Error).message})`, where);
  }
}
