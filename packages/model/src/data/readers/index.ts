// Readers: any input to documents, by format — plain text, JSONL, HTML, parquet, WARC (and WET) —
// chosen from the name unless given (.jsonl/.ndjson, .html/.htm/.xhtml, .parquet, .warc/.wet/.arc,
// each also with .gz; anything else text). Browser-safe: an input is its name, size, a stream of
// its bytes and random access to them (a File in the browser, a file on disk in Node:
// node/data-readers.ts). Gzipped text, JSONL and HTML are inflated on the fly; WARC files are
// handed to the WARC reader as they are (it inflates one gzip member per record and knows each
// record's offset). A gzip stream that breaks off is reported with how much was read before it:
// the documents read up to there are kept.

import type { ReadItem } from '../document.js';
import { htmlDocuments } from './html.js';
import { type JsonlReaderOptions, jsonlDocuments } from './jsonl.js';
import { type ByteChunks, byteLines, issue } from './lines.js';
import { parquetDocuments } from './parquet.js';
import { type TextReaderOptions, textDocuments } from './text.js';
import { type WarcReaderOptions, warcDocuments } from './warc.js';

export { charsetOfContentType, charsetOfMeta, type DecodedPage, decodePage } from './charset.js';
export { HtmlTextExtractor, htmlToText } from './html.js';
export { type ByteChunks, byteLines, type NumberedLine } from './lines.js';
export { parquetDocuments, type ReadRange } from './parquet.js';
export { DOCUMENT_MARKER } from './text.js';
export { type HttpResponseHead, parseHttpResponse, warcDocuments } from './warc.js';

export type InputFormat = 'text' | 'jsonl' | 'html' | 'parquet' | 'warc';
export const INPUT_FORMATS: readonly InputFormat[] = ['text', 'jsonl', 'html', 'parquet', 'warc'];

export interface ReaderOptions extends JsonlReaderOptions, TextReaderOptions, WarcReaderOptions {
  /** Force a format instead of going by the file name. */
  format?: InputFormat;
}

/** One input: a file on disk, a dropped File, bytes in memory. */
export interface InputFile {
  name: string;
  /** Size in bytes as stored (compressed, for .gz). */
  size: number;
  /** Its bytes from the start, as stored. */
  chunks(): ByteChunks;
  /** Bytes [start, end), for formats read by seeking (parquet). */
  read(start: number, end: number): Promise<ArrayBuffer>;
}

export function formatOf(name: string): InputFormat {
  const lower = name.toLowerCase().replace(/\.gz$/, '');
  if (/\.(jsonl|ndjson)$/.test(lower)) return 'jsonl';
  if (/\.(html?|xhtml)$/.test(lower)) return 'html';
  if (/\.parquet$/.test(lower)) return 'parquet';
  if (/\.(warc|wet|arc)$/.test(lower)) return 'warc';
  return 'text';
}

/** An input held in memory (tests, built-in corpora, small uploads). */
export function inputFromBytes(name: string, bytes: Uint8Array): InputFile {
  return {
    name,
    size: bytes.length,
    chunks: () => [bytes],
    read: async (start, end) => bytes.slice(start, end).buffer as ArrayBuffer,
  };
}

/** An input from a Blob or File (the browser's dropped files). */
export function inputFromBlob(file: Blob & { name: string }): InputFile {
  return {
    name: file.name,
    size: file.size,
    chunks: () => streamChunks(file.stream()),
    read: (start, end) => file.slice(start, end).arrayBuffer(),
  };
}

/** Documents, problems and skipped records from one input. */
export async function* readInput(input: InputFile, opts: ReaderOptions = {}): AsyncGenerator<ReadItem> {
  const format = opts.format ?? formatOf(input.name);
  const source = input.name;
  if (format === 'parquet') {
    yield* parquetDocuments(source, input.size, input.read, opts);
    return;
  }
  if (format === 'warc') {
    yield* warcDocuments(input.chunks(), source, opts);
    return;
  }
  const gzipped = /\.gz$/i.test(source);
  const inflated = gzipped ? gunzipChunks(input.chunks()) : undefined;
  let documents = 0;
  try {
    for await (const item of readDocuments(source, inflated?.chunks ?? input.chunks(), { ...opts, format })) {
      if (!('kind' in item)) documents++;
      yield item;
    }
  } catch (e) {
    if (!inflated) throw e;
    yield {
      ...issue(
        source,
        undefined,
        'bad_gzip',
        `gzip data breaks off (${(e as Error).message}) after ${inflated.bytesOut()} bytes of text; ` +
          `the ${documents} document${documents === 1 ? '' : 's'} before it were read, the rest of the file is lost`,
      ),
      offset: inflated.bytesIn(),
    };
  }
}

/** Documents (and problems met) from one stream of bytes, by format: text, JSONL or HTML. */
export function readDocuments(
  source: string,
  chunks: ByteChunks,
  opts: ReaderOptions = {},
): AsyncGenerator<ReadItem> {
  const format = opts.format ?? formatOf(source);
  if (format === 'warc') return warcDocuments(chunks, source, opts);
  const lines = byteLines(chunks, source);
  switch (format) {
    case 'jsonl':
      return jsonlDocuments(lines, source, opts);
    case 'html':
      return htmlDocuments(lines, source);
    default:
      return textDocuments(lines, source, opts);
  }
}

/** Gunzips a stream of chunks (multi-member files too), counting bytes in and out. */
export function gunzipChunks(chunks: ByteChunks): {
  chunks: AsyncGenerator<Uint8Array>;
  bytesIn: () => number;
  bytesOut: () => number;
} {
  let bytesIn = 0;
  let bytesOut = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const c of chunks) {
      bytesIn += c.length;
      yield c;
    }
  }
  const it = counted();
  const source = new ReadableStream<Uint8Array<ArrayBuffer>>({
    async pull(controller) {
      const next = await it.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value as Uint8Array<ArrayBuffer>);
    },
  });
  const inflated = source.pipeThrough(new DecompressionStream('gzip'));
  async function* out(): AsyncGenerator<Uint8Array> {
    for await (const c of streamChunks(inflated)) {
      bytesOut += c.length;
      yield c;
    }
  }
  return { chunks: out(), bytesIn: () => bytesIn, bytesOut: () => bytesOut };
}

/** Chunks of a web ReadableStream (a File's stream() in the browser). */
export async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
