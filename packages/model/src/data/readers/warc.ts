// WARC input, the Common Crawl archive format, read record by record with warcio (Webrecorder's
// reader; per-record gzip members are inflated as they come, so memory holds one record). A
// `response` record whose HTTP status is 2xx and whose Content-Type is HTML becomes a web-page
// document (its main content is extracted later), decoded with the page's charset (readers/
// charset.ts); a `conversion` record (WET files: text Common Crawl already extracted) becomes a
// text document. Every other record — requests, metadata, warcinfo, revisits, images, PDFs,
// redirects — is skipped and counted by kind. Each document carries its URL, WARC date and record
// id as metadata, and the byte offset of its record in the file (compressed, for .warc.gz) is kept.
// The HTTP header block is parsed here (status line and headers, up to the first blank line)
// rather than by warcio, so a broken header spoils one record, never the records after it.
// Problems — a broken HTTP header, a record shorter than its Content-Length (a truncated gzip
// member, a cut download), a record above the size limit, bytes that are not WARC at all — are
// reported with file and offset; reading goes on when the format allows it and stops cleanly
// (saying how many records came before) when it does not.

import type { ReadItem } from '../document.js';
import { decodePage } from './charset.js';
import type { ByteChunks } from './lines.js';

export interface WarcReaderOptions {
  /** Records larger than this (bytes of content) are skipped and reported. Default 32 MiB. */
  maxRecordBytes?: number;
}

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)\b/i;

export async function* warcDocuments(
  chunks: ByteChunks,
  source: string,
  opts: WarcReaderOptions = {},
): AsyncGenerator<ReadItem> {
  const maxBytes = opts.maxRecordBytes ?? 32 << 20;
  let total = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const c of chunks) {
      total += c.length;
      yield c;
    }
  }
  const { WARCParser } = await import('warcio'); // loaded with the first WARC file, not with the module
  const parser = new WARCParser(counted(), { parseHttp: false });
  const records = parser[Symbol.asyncIterator]();
  let read = 0;
  for (;;) {
    let record: Awaited<ReturnType<typeof records.next>>['value'];
    try {
      const next = await quietly(() => records.next());
      if (next.done) break;
      record = next.value;
    } catch (e) {
      yield issue(
        source,
        parser.offset,
        read === 0 ? 'not_warc' : 'bad_warc',
        `${read === 0 ? 'not a readable WARC file' : 'unreadable WARC data'} (${(e as Error).message}); ` +
          `${read} records read before it, the rest of the file skipped`,
      );
      return;
    }
    read++;
    const offset = parser.offset;
    if (!record.warcHeaders.statusline.startsWith('WARC/')) {
      const line = record.warcHeaders.statusline.slice(0, 40);
      yield issue(
        source,
        offset,
        read === 1 ? 'not_warc' : 'bad_warc',
        `${read === 1 ? 'not a WARC file' : 'not a WARC record'} (it starts "${line}"); ` +
          `${read - 1} records read before it, the rest of the file skipped`,
      );
      return;
    }
    const type = record.warcType ?? 'unknown';
    if (type !== 'response' && type !== 'conversion') {
      yield skip(source, `warc_${type}`);
      continue;
    }
    const declared = record.warcContentLength;
    if (declared > maxBytes) {
      yield issue(
        source,
        offset,
        'record_too_large',
        `record of ${declared} bytes, above the ${maxBytes}-byte limit; skipped`,
      );
      continue;
    }
    let content: Uint8Array;
    try {
      content = await quietly(() => record.readFully(false));
    } catch (e) {
      yield issue(
        source,
        offset,
        'bad_record',
        `record could not be read (${(e as Error).message}); skipped`,
      );
      continue;
    }
    if (content.length < declared) {
      yield issue(
        source,
        offset,
        'truncated_record',
        `record cut short: ${content.length} of ${declared} bytes (a truncated gzip member or download); skipped`,
      );
      continue;
    }
    const url = record.warcTargetURI ?? undefined;
    const meta = {
      url: url ?? null,
      date: record.warcDate ?? null,
      warc_record_id: record.warcHeaders.headers.get('WARC-Record-ID') ?? null,
    };
    const id = url ?? `${source}@${offset}`;
    if (type === 'conversion') {
      const text = new TextDecoder().decode(content);
      yield { id, text, source, url, offset, meta };
      continue;
    }
    const http = parseHttpResponse(content);
    if (typeof http === 'string') {
      yield issue(source, offset, 'bad_http_header', `${http}; record skipped`);
      continue;
    }
    if (http.status < 200 || http.status > 299) {
      yield skip(source, 'http_not_ok');
      continue;
    }
    const contentType = http.headers.get('content-type') ?? '';
    if (!HTML_TYPES.test(contentType.trim())) {
      yield skip(source, 'not_html');
      continue;
    }
    const page = decodePage(content.subarray(http.bodyStart), contentType);
    yield {
      id,
      text: page.text,
      format: 'html',
      source,
      url,
      offset,
      meta: { ...meta, charset: page.charset },
    };
  }
  // A gzip member that breaks off yields nothing (the inflater keeps partial output to itself):
  // bytes left after the last whole record are a record lost.
  const consumed = parser._reader.getRawOffset();
  if (total > consumed)
    yield issue(
      source,
      consumed,
      'truncated_record',
      `the last ${total - consumed} bytes are not a whole record (a truncated gzip member or download); skipped`,
    );
}

export interface HttpResponseHead {
  status: number;
  headers: Map<string, string>;
  /** Where the body starts in the record's content. */
  bodyStart: number;
}

/** The status line and headers of an HTTP response, or what is wrong with them. */
export function parseHttpResponse(content: Uint8Array): HttpResponseHead | string {
  const limit = Math.min(content.length, 64 << 10);
  let end = -1;
  let sep = 0;
  for (let i = 0; i < limit; i++) {
    if (content[i] !== 10) continue;
    if (content[i + 1] === 10) {
      end = i;
      sep = 2;
      break;
    }
    if (content[i + 1] === 13 && content[i + 2] === 10) {
      end = i;
      sep = 3;
      break;
    }
  }
  if (end < 0) return 'HTTP header has no end (no blank line in its first 64 KiB)';
  const lines = new TextDecoder('latin1').decode(content.subarray(0, end)).split(/\r?\n/);
  const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})\b/.exec(lines[0]);
  if (!status) return `HTTP status line is not "HTTP/1.x NNN …" (it reads "${lines[0].slice(0, 60)}")`;
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) {
      if (/^[ \t]/.test(line)) continue; // obsolete folded continuation
      return `HTTP header line without a colon ("${line.slice(0, 60)}")`;
    }
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { status: Number(status[1]), headers, bodyStart: end + sep };
}

/** Runs fn with console.warn muted: warcio warns on its own about records it tolerates. */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = () => {};
  try {
    return await fn();
  } finally {
    console.warn = warn;
  }
}

function issue(source: string, offset: number | undefined, reason: string, message: string): ReadItem {
  return { kind: 'issue', source, offset, reason, message };
}

function skip(source: string, reason: string): ReadItem {
  return { kind: 'skip', source, reason };
}
