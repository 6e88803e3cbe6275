// File helpers for Node: atomic writes (temporary file in the same folder, fsync, rename, so a
// crash never leaves a half-written file, and a failed write leaves no temporary file) and reads
// that turn "no such file" into a clear message. File-system trouble names the path given.

import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { GlassboxError } from '../util/errors.js';
import { systemError } from './system-errors.js';

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => {});
    throw systemError(e, path);
  }
}

// Text read whole: bounded, strict UTF-8 (one reader for every command; see text-input.ts).
export { readTextFile } from './text-input.js';

export async function readBinaryFile(path: string, what = 'file'): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new GlassboxError(`no such ${what}; check the path`, path);
    if (code === 'EISDIR') throw new GlassboxError(`expected a ${what} but found a folder`, path);
    if (code === 'EACCES') throw new GlassboxError(`permission denied reading this ${what}`, path);
    throw systemError(e, path, 'read');
  }
}
