// The one reader for text files read whole (training text, tokenizer input, eval text, JSONL
// conversations): bounded, strict UTF-8, byte-order mark dropped. It reads through a handle in
// 1 MiB chunks, so a device that never ends (/dev/zero) or a file over the limit is refused after
// at most `maxBytes` bytes, never by a crash inside V8 ("Invalid string length"). A NUL byte in the
// first 8 KiB marks a binary file. Invalid UTF-8 is an error naming the byte offset and line, as
// data preparation reports it; nothing is silently replaced by U+FFFD. It does not stream: inputs
// larger than the limit belong to data preparation, which does.

import { open } from 'node:fs/promises';
import { GlassboxError } from '../util/errors.js';

/** Whole-file text reads stop here: far below V8's longest string (2^29 UTF-16 units). */
export const TEXT_READ_LIMIT = 256 * 1024 * 1024;

/**
 * A training text is read whole and encoded to one id per token before it becomes a typed array:
 * 64 MB of text peaked at 1.6 GB (char tokenizer; docs/benchmarks.md). Larger corpora go through
 * data preparation into token shards.
 */
export const TRAINING_TEXT_LIMIT = 64 * 1024 * 1024;

const CHUNK = 1 << 20;
const SNIFF_BYTES = 8192;

/** Options of decodeTextChunks. */
export interface TextReadOptions {
  /** Refuse inputs longer than this many bytes (default TEXT_READ_LIMIT). */
  maxBytes?: number;
}

/** A text file, strictly decoded; see the file comment for what is refused. */
export async function readTextFile(path: string, what = 'file', maxBytes = TEXT_READ_LIMIT): Promise<string> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw fileError(e, path, what);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new GlassboxError(`expected a ${what} but found a folder`, path);
    if (info.isFile() && info.size > maxBytes) throw tooLarge(path, info.size, maxBytes);
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (;;) {
        const buf = new Uint8Array(CHUNK);
        const { bytesRead } = await handle.read(buf, 0, CHUNK, null);
        if (bytesRead === 0) return;
        yield buf.subarray(0, bytesRead);
      }
    }
    return await decodeTextChunks(chunks(), path, { maxBytes });
  } catch (e) {
    throw fileError(e, path, what);
  } finally {
    await handle.close();
  }
}

/** Chunks of bytes (a file, standard input) as one strictly decoded string; `where` names them. */
export async function decodeTextChunks(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  where: string,
  opts: TextReadOptions = {},
): Promise<string> {
  const maxBytes = opts.maxBytes ?? TEXT_READ_LIMIT;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const pieces: string[] = [];
  // Only the last chunks are kept, for the message: a bad byte lies in the chunk that failed or in
  // the 3 bytes before it (a sequence cut by a chunk boundary).
  const window: Chunk[] = [];
  let total = 0;
  let lines = 0; // newlines before the current chunk
  for await (const chunk of source) {
    if (chunk.length === 0) continue;
    if (total < SNIFF_BYTES) {
      const nul = chunk.subarray(0, SNIFF_BYTES - total).indexOf(0);
      if (nul >= 0)
        throw new GlassboxError(
          `looks like a binary file (a NUL byte at byte ${total + nul}); expected UTF-8 text`,
          where,
        );
    }
    if (total + chunk.length > maxBytes) throw tooLarge(where, undefined, maxBytes);
    window.push({ bytes: chunk, start: total, lines });
    // Keep at least 3 bytes before the current chunk (the longest start of a cut sequence).
    while (window.length > 2 && chunk.length > 0 && total - (window[1] as Chunk).start >= 3) window.shift();
    total += chunk.length;
    lines += countNewlines(chunk);
    try {
      pieces.push(decoder.decode(chunk, { stream: true }));
    } catch {
      throw invalidUtf8(window, where);
    }
  }
  try {
    pieces.push(decoder.decode());
  } catch {
    throw invalidUtf8(window, where);
  }
  return pieces.join('');
}

interface Chunk {
  bytes: Uint8Array;
  /** Offset of its first byte, and newlines before it. */
  start: number;
  lines: number;
}

function countNewlines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

function invalidUtf8(window: readonly Chunk[], where: string): GlassboxError {
  const first = window[0] as Chunk;
  const found = firstInvalidUtf8(
    window.map((c) => c.bytes),
    first.start > 0,
  );
  return new GlassboxError(
    `invalid UTF-8 at byte ${first.start + found.offset} (line ${first.lines + found.line}); expected UTF-8 text (re-save it as UTF-8)`,
    where,
  );
}

/**
 * Offset (0-based) and line (1-based) of the first byte that does not start or continue a valid
 * UTF-8 sequence; a sequence cut short by the end is reported at its first byte.
 * Valid: 00–7F; C2–DF 80–BF; E0 A0–BF 80–BF; E1–EC,EE–EF 80–BF ×2; ED 80–9F 80–BF;
 * F0 90–BF 80–BF ×2; F1–F3 80–BF ×3; F4 80–8F 80–BF ×2 (the Unicode standard's table 3-7).
 */
export function firstInvalidUtf8(
  chunks: readonly Uint8Array[],
  /** The bytes start mid-text: continuation bytes at the very start end a character begun before. */
  midText = false,
): { offset: number; line: number } {
  let line = 1;
  let offset = 0;
  let need = 0; // continuation bytes still expected
  if (midText) {
    const head = chunks[0] ?? new Uint8Array(0);
    while (offset < 3 && offset < head.length && ((head[offset] as number) & 0xc0) === 0x80) offset++;
  }
  const skip = offset;
  let lo = 0x80;
  let hi = 0xbf; // allowed range of the next continuation byte
  let start = 0; // where the current sequence began
  for (const [c, chunk] of chunks.entries()) {
    for (let i = c === 0 ? skip : 0; i < chunk.length; i++, offset++) {
      const b = chunk[i] as number;
      if (need > 0) {
        if (b < lo || b > hi) return { offset, line };
        need--;
        lo = 0x80;
        hi = 0xbf;
        continue;
      }
      start = offset;
      if (b < 0x80) {
        if (b === 10) line++;
      } else if (b >= 0xc2 && b <= 0xdf) need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        if (b === 0xe0) lo = 0xa0;
        if (b === 0xed) hi = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        if (b === 0xf0) lo = 0x90;
        if (b === 0xf4) hi = 0x8f;
      } else return { offset, line };
    }
  }
  return { offset: need > 0 ? start : offset, line };
}

function tooLarge(where: string, size: number | undefined, maxBytes: number): GlassboxError {
  const mib = (n: number) => (n < 1048576 ? `${n}-byte` : `${Math.round(n / 1048576)} MiB`);
  return new GlassboxError(
    `${size === undefined ? 'is longer than' : `is ${mib(size)}, over`} the ${mib(maxBytes)} limit for text read whole into memory; for larger text, prepare token shards from it (data preparation streams its input)`,
    where,
  );
}

function fileError(e: unknown, path: string, what: string): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new GlassboxError(`no such ${what}; check the path`, path);
  if (code === 'EISDIR') return new GlassboxError(`expected a ${what} but found a folder`, path);
  if (code === 'EACCES') return new GlassboxError(`permission denied reading this ${what}`, path);
  return e;
}
