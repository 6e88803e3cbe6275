// Plain-text input: a file is one document, unless it marks boundaries with a line holding only
// "<|endoftext|>" (GPT-2's marker) or a form feed, in which case each stretch between markers is
// a document. A document that outgrows maxDocumentChars is cut at the next blank line, so a
// huge unmarked file streams in pieces instead of filling memory.

import type { RawDocument, ReadIssue } from '../document.js';
import type { NumberedLine } from './lines.js';

/** A line holding only a document marker (spaces around it allowed). */
export const DOCUMENT_MARKER = /^[ \t]*(<\|endoftext\|>|\f)[ \t]*$/;

export interface TextReaderOptions {
  /** Characters after which a document is cut at the next blank line. Default 8 M. */
  maxDocumentChars?: number;
}

export async function* textDocuments(
  lines: AsyncIterable<NumberedLine | ReadIssue>,
  source: string,
  opts: TextReaderOptions = {},
): AsyncGenerator<RawDocument | ReadIssue> {
  const max = opts.maxDocumentChars ?? 8_000_000;
  let parts: string[] = [];
  let chars = 0;
  let start = 1;
  let index = 0;
  const flush = (): RawDocument | undefined => {
    const text = parts.join('\n');
    parts = [];
    chars = 0;
    if (text.trim() === '') return undefined;
    index++;
    return { id: `${source}#${index}`, text, source, line: start };
  };
  for await (const item of lines) {
    if ('kind' in item) {
      yield item;
      continue;
    }
    if (DOCUMENT_MARKER.test(item.text)) {
      const doc = flush();
      if (doc) yield doc;
      start = item.line + 1;
      continue;
    }
    if (chars > max && item.text.trim() === '') {
      const doc = flush();
      if (doc) yield doc;
      start = item.line + 1;
      continue;
    }
    if (parts.length === 0) start = item.line;
    parts.push(item.text);
    chars += item.text.length + 1;
  }
  const doc = flush();
  if (doc) yield doc;
}
