// A file on disk as a ByteSource: reads at offsets through one open handle into one reused
// buffer, so streaming a 500 MB model.safetensors into the arena needs one 16 MiB buffer, not a
// copy of the file. Close it when done (close() or `await using`).

import { open } from 'node:fs/promises';
import type { ByteSource } from '../checkpoint/byte-source.js';
import { GlassboxError } from '../util/errors.js';

export interface FileSource extends ByteSource, AsyncDisposable {
  close(): Promise<void>;
}

export async function openFileSource(path: string): Promise<FileSource> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  let buffer = new Uint8Array(0);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  return {
    name: path,
    size,
    async read(offset, length) {
      if (offset < 0 || length < 0 || offset + length > size)
        throw new GlassboxError(
          `read of bytes ${offset}–${offset + length} is outside the file's ${size} bytes`,
          path,
        );
      if (buffer.length < length) buffer = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
        if (bytesRead === 0) throw new GlassboxError('the file was truncated while being read', path);
        done += bytesRead;
      }
      return buffer.subarray(0, length);
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
