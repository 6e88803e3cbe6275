// Random access to a file's bytes without holding the whole file: what lets a 500 MB
// model.safetensors stream into the arena tensor by tensor. Three sources: bytes already in memory
// (tests, small files), a Blob or File (the browser's dropped files: slices are read one at a
// time), and in Node a file read at offsets (node/file-source.ts). A checkpoint folder maps file
// names to either bytes or a source (ModelFolder). Not handled: network ranges.

import { GlassboxError } from '../util/errors.js';

export interface ByteSource {
  /** The file's name or path, for messages. */
  readonly name: string;
  readonly size: number;
  /**
   * The `length` bytes at `offset`. The result may be a view of a buffer the source reuses:
   * copy what you need before the next read.
   */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A file given either whole (bytes) or as a source to read from. */
export type FileData = Uint8Array | ByteSource;

/** The files of a checkpoint folder by name (config.json, model.safetensors, …). */
export type ModelFolder = Record<string, FileData | undefined>;

export function isByteSource(f: FileData): f is ByteSource {
  return !(f instanceof Uint8Array);
}

function checkRange(size: number, name: string, offset: number, length: number): void {
  if (
    !(Number.isSafeInteger(offset) && Number.isSafeInteger(length) && offset >= 0 && length >= 0) ||
    offset + length > size
  ) {
    throw new GlassboxError(
      `read of bytes ${offset}–${offset + length} is outside the file's ${size} bytes`,
      name,
    );
  }
}

/** Bytes in memory as a source (reads are views, no copies). */
export function bytesSource(bytes: Uint8Array, name = 'file'): ByteSource {
  return {
    name,
    size: bytes.length,
    read: async (offset, length) => {
      checkRange(bytes.length, name, offset, length);
      return bytes.subarray(offset, offset + length);
    },
  };
}

/** A Blob or File (the browser's dropped files) as a source: each read is one slice. */
export function blobSource(blob: Blob, name = (blob as { name?: string }).name ?? 'file'): ByteSource {
  return {
    name,
    size: blob.size,
    read: async (offset, length) => {
      checkRange(blob.size, name, offset, length);
      return new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer());
    },
  };
}

/** A source for either form. */
export function asSource(f: FileData, name: string): ByteSource {
  return isByteSource(f) ? f : bytesSource(f, name);
}

/** The whole file as bytes; refuses files above `maxBytes` (JSON and text files are small). */
export async function readWhole(f: FileData, name: string, maxBytes = 256 * 2 ** 20): Promise<Uint8Array> {
  if (!isByteSource(f)) return f;
  if (f.size > maxBytes) {
    throw new GlassboxError(
      `is ${(f.size / 2 ** 20).toFixed(0)} MiB, more than the ${(maxBytes / 2 ** 20).toFixed(0)} MiB such a file can be`,
      name,
    );
  }
  return Uint8Array.from(await f.read(0, f.size));
}
