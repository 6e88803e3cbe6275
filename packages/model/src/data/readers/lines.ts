// Bytes → numbered lines of text, streamed: chunks of any size in, one line at a time out, so a
// file larger than memory is fine as long as its lines are not. Strict UTF-8: a line that does
// not decode is reported (file and line) and skipped, the rest goes on. A NUL byte in the first
// 8 KiB marks a binary file, reported and skipped whole; a file with no bytes is reported too.
// Line breaks are \n or \r\n; a UTF-8 byte-order mark at the start is dropped.

import { concatBytes } from '../../tokenizer/utf8.js';
import type { ReadIssue } from '../document.js';

export interface NumberedLine {
  line: number;
  text: string;
}

export type ByteChunks = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

const SNIFF_BYTES = 8192;

export async function* byteLines(
  chunks: ByteChunks,
  source: string,
): AsyncGenerator<NumberedLine | ReadIssue> {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let pending: Uint8Array[] = [];
  let lineNo = 0;
  let total = 0;

  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    if (total < SNIFF_BYTES && chunk.subarray(0, SNIFF_BYTES - total).includes(0)) {
      yield issue(source, undefined, 'binary_file', 'looks like a binary file (it holds NUL bytes); skipped');
      return;
    }
    total += chunk.length;
    if (chunk.lastIndexOf(10) < 0) {
      pending.push(chunk); // a long line: gather its pieces, join them once its end arrives
      continue;
    }
    const buf = concatBytes([...pending, chunk]);
    const lastNewline = buf.lastIndexOf(10);
    pending = [buf.slice(lastNewline + 1)];
    // Fast path: the whole run of complete lines decodes at once; only on failure go line by line.
    const block = buf.subarray(0, lastNewline);
    let texts: string[] | undefined;
    try {
      texts = strict.decode(block).split('\n');
    } catch {
      texts = undefined;
    }
    if (texts) {
      for (const t of texts) yield { line: ++lineNo, text: stripCR(lineNo === 1 ? stripBOM(t) : t) };
    } else {
      let start = 0;
      while (start <= block.length) {
        let end = block.indexOf(10, start);
        if (end < 0) end = block.length;
        yield decodeLine(block.subarray(start, end), ++lineNo, source);
        start = end + 1;
      }
    }
  }
  if (total === 0) {
    yield issue(source, undefined, 'empty_file', 'is empty; nothing to read');
    return;
  }
  const rest = concatBytes(pending);
  if (rest.length > 0) yield decodeLine(rest, ++lineNo, source);
}

function decodeLine(bytes: Uint8Array, line: number, source: string): NumberedLine | ReadIssue {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { line, text: stripCR(text) };
  } catch {
    const at = firstInvalidByte(bytes);
    return issue(source, line, 'invalid_utf8', `invalid UTF-8 at byte ${at + 1} of the line; line skipped`);
  }
}

/** Index of the first byte where UTF-8 decoding fails (for the message). */
function firstInvalidByte(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  // The longest prefix that decodes (an incomplete character at its end allowed) stops before it.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

export function issue(source: string, line: number | undefined, reason: string, message: string): ReadIssue {
  return { kind: 'issue', source, line, reason, message };
}

const stripCR = (s: string) => (s.endsWith('\r') ? s.slice(0, -1) : s);
const stripBOM = (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);
