// Readers: any input (a file's bytes, streamed) to documents, by format — plain text, JSONL, or
// HTML — chosen from the name (.jsonl/.ndjson, .html/.htm/.xhtml, anything else text) unless
// given. Browser-safe: the bytes come from a File in the browser or a file stream in Node
// (node/data-readers.ts walks folders and opens files).

import type { RawDocument, ReadIssue } from '../document.js';
import { htmlDocuments } from './html.js';
import { type JsonlReaderOptions, jsonlDocuments } from './jsonl.js';
import { type ByteChunks, byteLines } from './lines.js';
import { type TextReaderOptions, textDocuments } from './text.js';

export { HtmlTextExtractor, htmlToText } from './html.js';
export { type ByteChunks, byteLines, type NumberedLine } from './lines.js';
export { DOCUMENT_MARKER } from './text.js';

export type InputFormat = 'text' | 'jsonl' | 'html';

export interface ReaderOptions extends JsonlReaderOptions, TextReaderOptions {
  /** Force a format instead of going by the file name. */
  format?: InputFormat;
}

export function formatOf(name: string): InputFormat {
  const lower = name.toLowerCase().replace(/\.gz$/, '');
  if (/\.(jsonl|ndjson)$/.test(lower)) return 'jsonl';
  if (/\.(html?|xhtml)$/.test(lower)) return 'html';
  return 'text';
}

/** Documents (and problems met) from one input's bytes. */
export function readDocuments(
  source: string,
  chunks: ByteChunks,
  opts: ReaderOptions = {},
): AsyncGenerator<RawDocument | ReadIssue> {
  const lines = byteLines(chunks, source);
  switch (opts.format ?? formatOf(source)) {
    case 'jsonl':
      return jsonlDocuments(lines, source, opts);
    case 'html':
      return htmlDocuments(lines, source);
    default:
      return textDocuments(lines, source, opts);
  }
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
