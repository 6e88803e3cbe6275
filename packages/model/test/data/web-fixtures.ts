// Web data made at test time: article pages wrapped in the chrome of a real site (navigation,
// cookie banner, related links, comments, footer), WARC files written record by record with warcio
// (the reader's own library; gzip per record, as Common Crawl writes them), and parquet files
// written with hyparquet-writer in FineWeb's column layout.

import { parquetWriteBuffer } from 'hyparquet-writer';
import { WARCRecord, WARCSerializer } from 'warcio';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An article page: the text's paragraphs inside a site's boilerplate. */
export function articlePage(title: string, text: string, head = '<meta charset="utf-8">'): string {
  const paragraphs = text
    .split('\n\n')
    .map((p) => `<p>${esc(p).replace(/\n/g, ' ')}</p>`)
    .join('\n');
  return `<!doctype html><html><head>${head}<title>${esc(title)}</title>
<script>var tracker = {"id": 42}; function track(){}</script></head><body>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies or manage settings.</div>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/about">About</a></nav></header>
<div class="layout"><aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Ten things to do this weekend</a></li>
<li><a href="/b">Weather warning issued</a></li><li><a href="/c">Local team wins again</a></li></ul></aside>
<article><h1>${esc(title)}</h1>
${paragraphs}
</article>
<section class="related"><h2>Related stories</h2><ul><li><a href="/d">More news from the county</a></li>
<li><a href="/e">Council meets on Tuesday</a></li></ul></section>
<section id="comments" class="comments"><h3>Comments (2)</h3><div class="comment">First! Great article, thanks for sharing.</div>
<div class="comment">Subscribe to my channel for more.</div></section></div>
<footer>© 2024 The County Gazette. All rights reserved. Privacy policy · Terms of use · Contact us</footer>
</body></html>`;
}

export interface WarcFixtureRecord {
  type: 'response' | 'request' | 'warcinfo' | 'metadata' | 'conversion' | 'resource';
  url?: string;
  /** The body (a string is UTF-8 encoded). */
  body?: string | Uint8Array;
  contentType?: string;
  statusline?: string;
}

/** One WARC record as bytes (a gzip member of its own when gzip). */
export async function warcRecord(r: WarcFixtureRecord, gzip: boolean): Promise<Uint8Array> {
  const body = typeof r.body === 'string' ? new TextEncoder().encode(r.body) : (r.body ?? new Uint8Array());
  const record = WARCRecord.create(
    {
      url: r.url,
      type: r.type,
      date: '2024-03-01T12:00:00Z',
      warcVersion: 'WARC/1.1',
      ...(r.type === 'response'
        ? { httpHeaders: { 'Content-Type': r.contentType ?? 'text/html' }, statusline: r.statusline }
        : r.contentType
          ? { warcHeaders: { 'Content-Type': r.contentType } }
          : {}),
    },
    (async function* () {
      yield body;
    })(),
  );
  return WARCSerializer.serialize(record, { gzip });
}

/** A WARC file of the records, each at its offset (offsets[i] = where record i starts). */
export async function warcFile(
  records: WarcFixtureRecord[],
  gzip = true,
): Promise<{ bytes: Uint8Array; offsets: number[] }> {
  const parts = await Promise.all(records.map((r) => warcRecord(r, gzip)));
  return concat(parts);
}

export function concat(parts: Uint8Array[]): { bytes: Uint8Array; offsets: number[] } {
  const offsets: number[] = [];
  let n = 0;
  for (const p of parts) {
    offsets.push(n);
    n += p.length;
  }
  const bytes = new Uint8Array(n);
  parts.forEach((p, i) => {
    bytes.set(p, offsets[i]);
  });
  return { bytes, offsets };
}

/** A parquet file in FineWeb's layout (text, id, url, language_score) plus any extra columns. */
export function fineWebParquet(
  rows: { text: string; id: string; url: string; language_score: number }[],
  rowGroupSize = 1000,
): Uint8Array {
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'text', data: rows.map((r) => r.text), type: 'STRING' },
      { name: 'id', data: rows.map((r) => r.id), type: 'STRING' },
      { name: 'url', data: rows.map((r) => r.url), type: 'STRING' },
      { name: 'language_score', data: rows.map((r) => r.language_score), type: 'DOUBLE' },
    ],
    rowGroupSize,
  });
  return new Uint8Array(buffer);
}

/** A German news paragraph (the non-English page). */
export const GERMAN = `Die Stadtverwaltung hat am Dienstag mitgeteilt, dass die alte Brücke über den Fluss im
kommenden Frühjahr vollständig saniert werden soll. Nach Angaben des Bürgermeisters wurden die
Arbeiten bereits im vergangenen Jahr ausgeschrieben, doch erst jetzt habe sich ein geeignetes
Unternehmen gefunden. Während der Bauzeit wird der Verkehr über eine provisorische Umleitung durch
die Innenstadt geführt. Anwohner befürchten längere Wartezeiten und mehr Lärm in den engen Gassen
der Altstadt. Die Kosten für das gesamte Vorhaben werden auf rund zwölf Millionen Euro geschätzt,
wovon das Land etwa die Hälfte übernehmen wird. Der Gemeinderat will in seiner nächsten Sitzung
über weitere Einzelheiten beraten und die Bürger bei einer öffentlichen Versammlung informieren.`;
