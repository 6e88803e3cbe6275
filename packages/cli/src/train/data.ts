// Where `glassbox train` gets its tokens: the built-in Brown corpus, a text file (tokenized here,
// character level by default), or a folder of token shards from `glassbox data prepare`. Text is
// split by position: the first (1 − valFraction) trains, the rest validates, as nanoGPT does.

import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GlassboxError } from '@glassbox/model';
import { brownText, readShard, readTextFile, tokenizerFromSpec } from '@glassbox/model/node';
import { type Tokenizer, tokenizerFromJSON } from '@glassbox/model/tokenizer';
import type { TokenArray } from '@glassbox/model/train';

export interface TrainingData {
  tokenizer: Tokenizer;
  train: TokenArray;
  val?: TokenArray;
  /** A line for the log: what was read and how it was split. */
  description: string;
}

export async function loadTrainingData(
  data: string,
  tokenizerSpec: string,
  valFraction: number,
  existing?: Tokenizer,
): Promise<TrainingData> {
  if (data !== 'brown' && existsSync(data) && statSync(data).isDirectory()) return loadShards(data, existing);
  const text = data === 'brown' ? await brownText() : await readTextFile(data, 'training text file');
  if (text.length === 0) throw new GlassboxError('the training text is empty', data);
  const tokenizer = existing ?? (await tokenizerFromSpec(tokenizerSpec, async () => [text]));
  let ids: number[];
  try {
    ids = tokenizer.encode(text);
  } catch (e) {
    throw new GlassboxError(`cannot tokenize it with this tokenizer (${(e as Error).message})`, data);
  }
  const all = tokenizer.vocabSize <= 65536 ? Uint16Array.from(ids) : Uint32Array.from(ids);
  const cut = Math.round(all.length * (1 - valFraction));
  const name = data === 'brown' ? 'the Brown corpus (built in)' : data;
  return {
    tokenizer,
    train: all.subarray(0, cut),
    val: valFraction > 0 ? all.subarray(cut) : undefined,
    description: `${name}: ${text.length.toLocaleString('en-US')} characters → ${all.length.toLocaleString('en-US')} tokens (${tokenizer.kind} tokenizer, vocabulary ${tokenizer.vocabSize}); ${cut.toLocaleString('en-US')} train / ${(all.length - cut).toLocaleString('en-US')} validation`,
  };
}

/** A `data prepare` output folder: train.bin (+ val.bin) with sidecars and tokenizer.json. */
async function loadShards(dir: string, existing?: Tokenizer): Promise<TrainingData> {
  const tokPath = join(dir, 'tokenizer.json');
  if (!existing && !existsSync(tokPath)) {
    throw new GlassboxError(
      'no tokenizer.json in this folder; pass a `glassbox data prepare` output folder',
      dir,
    );
  }
  const tokenizer = existing ?? tokenizerFromJSON(JSON.parse(await readFile(tokPath, 'utf8')), tokPath);
  const trainPath = join(dir, 'train.bin');
  if (!existsSync(trainPath)) throw new GlassboxError('no train.bin shard in this folder', dir);
  const train = await readShard(trainPath);
  if (train.meta.vocabSize > tokenizer.vocabSize) {
    throw new GlassboxError(
      `shards use ${train.meta.vocabSize} ids but the tokenizer has ${tokenizer.vocabSize}`,
      dir,
    );
  }
  const valPath = ['val.bin', 'validation.bin'].map((f) => join(dir, f)).find((p) => existsSync(p));
  // A one-document corpus gets an empty validation shard: train without validation then.
  const valIds = valPath ? (await readShard(valPath)).ids : undefined;
  const val = valIds?.length ? valIds : undefined;
  return {
    tokenizer,
    train: train.ids,
    val,
    description: `${dir}: ${train.ids.length.toLocaleString('en-US')} train / ${(val?.length ?? 0).toLocaleString('en-US')} validation tokens (vocabulary ${tokenizer.vocabSize})`,
  };
}
