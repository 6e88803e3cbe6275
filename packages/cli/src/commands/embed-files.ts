// Reading and writing word-vector files for the embed commands, the format chosen by the name:
// .bin → word2vec binary; .tsv → the Embedding Projector's pair (NAME.tsv + NAME.metadata.tsv);
// anything else (.txt, .vec, …) → word2vec text. Reading tells binary from text by content, and
// reads a GPT checkpoint folder as its token embeddings (wte, rows named by tokenizer.json).
// Writes are atomic: a crash never leaves half a file.

import { readFile, stat } from 'node:fs/promises';
import { GlassboxError } from '@glassbox/model';
import { checkOutput, openCheckpointDir, readTextFile, writeFileAtomic } from '@glassbox/model/node';
import {
  formatProjectorTsv,
  formatWord2VecBinary,
  formatWord2VecText,
  parseProjectorTsv,
  parseWord2Vec,
  vectorsFromCheckpoint,
  type WordVectors,
} from '@glassbox/model/word2vec';

export const VECTORS_HELP = 'word2vec file (.bin or text), .tsv, or a GPT checkpoint folder';

export function metadataPath(tsv: string): string {
  return tsv.replace(/\.tsv$/, '.metadata.tsv');
}

export async function readVectors(path: string): Promise<WordVectors> {
  if ((await stat(path).catch(() => undefined))?.isDirectory()) {
    const opened = await openCheckpointDir(path);
    try {
      return await vectorsFromCheckpoint(opened.files, opened.dir);
    } finally {
      await opened.close();
    }
  }
  if (path.endsWith('.tsv')) {
    return parseProjectorTsv(
      await readTextFile(path, 'vectors file'),
      await readTextFile(metadataPath(path), 'metadata file'),
      path,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new GlassboxError('no such vectors file; check the path', path);
    if (code === 'ERR_FS_FILE_TOO_LARGE')
      throw new GlassboxError('is larger than the 2 GiB a vectors file can be read whole', path);
    throw e;
  }
  return parseWord2Vec(bytes, path);
}

/** Refuses to replace vectors (and a .tsv's metadata file) unless forced. */
export async function checkVectorsOutput(
  path: string,
  force?: boolean,
  inputs: string[] = [],
): Promise<void> {
  await checkOutput(path, { force, inputs });
  if (path.endsWith('.tsv')) await checkOutput(metadataPath(path), { force, inputs });
}

/** Writes the vectors; returns the files written. */
export async function writeVectors(path: string, v: WordVectors): Promise<string[]> {
  if (path.endsWith('.tsv')) {
    const { vectors, metadata } = formatProjectorTsv(v);
    await writeFileAtomic(path, vectors);
    await writeFileAtomic(metadataPath(path), metadata);
    return [path, metadataPath(path)];
  }
  await writeFileAtomic(path, path.endsWith('.bin') ? formatWord2VecBinary(v) : formatWord2VecText(v));
  return [path];
}
