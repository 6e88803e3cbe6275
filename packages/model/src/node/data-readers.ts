// Inputs on disk for data curation: files and folders (walked recursively in sorted order, hidden
// entries skipped), each streamed in 64 KiB chunks into the browser-safe readers, so a corpus
// larger than memory flows through. Files ending in .gz are gunzipped on the fly (the name
// without .gz picks the reader). A missing path is an error before anything runs; a file that
// cannot be read mid-way is reported as a read issue and the rest goes on.

import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { RawDocument, ReadIssue } from '../data/document.js';
import { type ReaderOptions, readDocuments } from '../data/readers/index.js';
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

/** A file's bytes as chunks (gunzipped when it ends in .gz). */
export async function* fileChunks(path: string): AsyncGenerator<Uint8Array> {
  const raw = createReadStream(path, { highWaterMark: 1 << 16 });
  const stream = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  for await (const chunk of stream) yield chunk as Uint8Array;
}

/** Documents and read issues from files and folders, in order. */
export async function* readInputFiles(
  files: readonly string[],
  opts: ReaderOptions = {},
): AsyncGenerator<RawDocument | ReadIssue> {
  for (const file of files) {
    try {
      yield* readDocuments(file, fileChunks(file), { ...opts, format: opts.format });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'EACCES' ? 'permission denied' : code ? code : (e as Error).message;
      yield issue(file, undefined, 'unreadable', `could not be read (${why}); skipped`);
    }
  }
}
