// Inputs on disk for data curation: files and folders (walked recursively in sorted order, hidden
// entries skipped), each streamed in 64 KiB chunks (or read by range, for parquet) into the
// browser-safe readers, so a corpus larger than memory flows through. Files ending in .gz are
// gunzipped on the fly by the readers (the name without .gz picks the reader). A missing path is
// an error before anything runs; a file that cannot be read mid-way is reported as a read issue
// and the rest goes on.

import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReadItem } from '../data/document.js';
import { type InputFile, type ReaderOptions, readInput } from '../data/readers/index.js';
import { issue } from '../data/readers/lines.js';
import { GlassboxError } from '../util/errors.js';

/** Every file under the given paths, in a stable order; throws for a path that does not exist. */
export async function listInputFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(path);
    } catch {
      throw new GlassboxError('no such file or folder; check the path', path);
    }
    if (info.isDirectory()) files.push(...(await walk(path)));
    else files.push(path);
  }
  return files;
}

async function walk(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => !e.name.startsWith('.'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(path)));
    else if (e.isFile()) out.push(path);
  }
  return out;
}

/** A file's bytes as chunks, as stored. */
export async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) yield chunk as Uint8Array;
}

/** A file on disk as a reader's input (streamed, or read by range). */
export async function inputFile(path: string): Promise<InputFile> {
  const { size } = await stat(path);
  return {
    name: path,
    size,
    chunks: () => fileChunks(path),
    read: async (start, end) => {
      const handle = await open(path, 'r');
      try {
        const buf = new Uint8Array(Math.max(0, Math.min(end, size) - start));
        const { bytesRead } = await handle.read(buf, 0, buf.length, start);
        return buf.buffer.slice(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
  };
}

/** Documents, read issues and skipped records from files and folders, in order. */
export async function* readInputFiles(
  files: readonly string[],
  opts: ReaderOptions = {},
): AsyncGenerator<ReadItem> {
  for (const file of files) {
    let documents = 0;
    try {
      for await (const item of readInput(await inputFile(file), opts)) {
        if (!('kind' in item)) documents++;
        yield item;
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'EACCES' ? 'permission denied' : code ? code : (e as Error).message;
      yield issue(
        file,
        undefined,
        'unreadable',
        documents === 0
          ? `could not be read (${why}); skipped`
          : `reading stopped (${why}) after ${documents} documents; those are curated, the rest of the file is lost`,
      );
    }
  }
}
