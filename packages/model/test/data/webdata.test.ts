// Web data end to end, on files made here: a Common Crawl-like WARC (gzip per record) holding
// article pages with boilerplate, a copy of one, a German page, a windows-1252 page, an image, a
// request, a page on a blocked domain, a record with a broken HTTP header and a truncated last gzip
// member; a FineWeb-like parquet file. Each stage's decision is checked by document, bad records
// are reported with file and offset while the rest is read, and parquet columns flow through as
// metadata.

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  Curator,
  crawlSample,
  decodePage,
  EXAMPLE_URL_BLOCKLIST,
  extractMainText,
  inputFromBytes,
  type LanguageIdentifier,
  loadExtractor,
  parseUrlBlockList,
  type ReadItem,
  readInput,
  STAGES,
  urlFilter,
} from '../../src/data/index.js';
import { loadBrownCorpus } from '../../src/node/brown.js';
import { prepareData } from '../../src/node/data-prepare.js';
import { nodeLanguageModel } from '../../src/node/language.js';
import { articlePage, concat, fineWebParquet, GERMAN, warcFile, warcRecord } from './web-fixtures.js';

let brown: { id: string; text: string }[];
let lid: LanguageIdentifier;
beforeAll(async () => {
  brown = (await loadBrownCorpus()).slice(0, 10);
  lid = await nodeLanguageModel();
  await loadExtractor();
});

async function all(input: AsyncIterable<ReadItem>): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const x of input) out.push(x);
  return out;
}

const lines = async (path: string) =>
  (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

/** windows-1252 bytes of a string whose characters are all below U+0100. */
const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

async function crawl() {
  const [a, , c, d] = brown;
  const members = [
    {
      type: 'warcinfo' as const,
      body: 'software: glassbox tests\r\n',
      contentType: 'application/warc-fields',
    },
    { type: 'request' as const, url: 'https://gazette.example/a', body: '' },
    { type: 'response' as const, url: 'https://gazette.example/a', body: articlePage('Jury report', a.text) },
    { type: 'response' as const, url: 'https://mirror.example/a', body: articlePage('Jury report', a.text) },
    { type: 'response' as const, url: 'https://zeitung.example/b', body: articlePage('Brücke', GERMAN) },
    {
      type: 'response' as const,
      url: 'https://old.example/c',
      contentType: 'text/html; charset=windows-1252',
      body: latin1(
        articlePage('Caf\u00e9', `${c.text}\n\nThe caf\u00e9 served cr\u00e8me br\u00fbl\u00e9e.`, ''),
      ),
    },
    {
      type: 'response' as const,
      url: 'https://gazette.example/logo.png',
      contentType: 'image/png',
      body: new Uint8Array([137, 80, 78, 71]),
    },
    {
      type: 'response' as const,
      url: 'https://broken.example/x',
      statusline: 'HTP/1.1 two hundred',
      body: '<p>lost</p>',
    },
    {
      type: 'response' as const,
      url: 'https://www.casino.example/win',
      body: articlePage('Win big', d.text),
    },
    {
      type: 'response' as const,
      url: 'https://gazette.example/last',
      body: articlePage('Last page', brown[4].text),
    },
  ];
  const parts = await Promise.all(members.map((m) => warcRecord(m, true)));
  const last = parts.at(-1)!;
  parts[parts.length - 1] = last.subarray(0, Math.floor(last.length / 2)); // a download cut short
  return concat(parts);
}

describe('WARC reader', () => {
  it('reads HTML responses with URL, offset and charset; skips the rest by kind; reports bad records by offset', async () => {
    const { bytes, offsets } = await crawl();
    const items = await all(readInput(inputFromBytes('crawl.warc.gz', bytes)));
    const docs = items.filter((x) => !('kind' in x));
    expect(docs.map((d) => ('url' in d ? d.url : ''))).toEqual([
      'https://gazette.example/a',
      'https://mirror.example/a',
      'https://zeitung.example/b',
      'https://old.example/c',
      'https://www.casino.example/win',
    ]);
    expect(docs.map((d) => ('offset' in d ? d.offset : -1))).toEqual([2, 3, 4, 5, 8].map((i) => offsets[i]));
    expect(docs.every((d) => 'format' in d && d.format === 'html')).toBe(true);
    const old = docs[3];
    if ('kind' in old) throw new Error('unreachable');
    expect(old.meta).toMatchObject({ charset: 'windows-1252', url: 'https://old.example/c' });
    expect(old.text).toContain('caf\u00e9 served cr\u00e8me br\u00fbl\u00e9e');
    const skips = items
      .filter((x) => 'kind' in x && x.kind === 'skip')
      .map((x) => ('reason' in x ? x.reason : ''));
    expect(skips).toEqual(['warc_warcinfo', 'warc_request', 'not_html']);
    const issues = items.filter((x) => 'kind' in x && x.kind === 'issue');
    expect(issues.map((i) => ('offset' in i ? [i.reason, i.offset] : []))).toEqual([
      ['bad_http_header', offsets[7]],
      ['truncated_record', offsets[9]],
    ]);
    expect(issues[0]).toMatchObject({
      source: 'crawl.warc.gz',
      message: expect.stringMatching(/status line/),
    });
  });

  it('reads uncompressed WARC and WET conversion records', async () => {
    const { bytes } = await warcFile(
      [
        {
          type: 'conversion',
          url: 'https://gazette.example/a',
          body: brown[0].text,
          contentType: 'text/plain',
        },
        { type: 'response', url: 'https://gazette.example/b', body: articlePage('B', brown[1].text) },
      ],
      false,
    );
    const docs = (await all(readInput(inputFromBytes('crawl.warc.wet', bytes)))).filter(
      (x) => !('kind' in x),
    );
    expect(docs).toHaveLength(2);
    expect(docs[0]).toMatchObject({ url: 'https://gazette.example/a', text: brown[0].text });
    expect(docs[1]).toMatchObject({ format: 'html' });
  });

  it('reads back the Common Crawl-like sample crawlSample writes: every page once, requests and images skipped', async () => {
    const bytes = await crawlSample(brown, { seed: 4, copies: 0.3, other: 0.5 });
    const items = await all(readInput(inputFromBytes('sample.warc.gz', bytes)));
    const docs = items.filter((x) => !('kind' in x));
    const skipped = (reason: string) =>
      items.filter((x) => 'kind' in x && x.kind === 'skip' && x.reason === reason).length;
    const urls = docs.map((d) => ('url' in d ? d.url : ''));
    for (const d of brown) expect(urls.some((u) => u?.endsWith(`/${d.id}`))).toBe(true);
    expect(urls.filter((u) => u?.startsWith('https://mirror.example/')).length).toBeGreaterThan(0);
    expect(skipped('warc_warcinfo')).toBe(1);
    expect(skipped('warc_request')).toBe(docs.length + skipped('not_html') + skipped('http_not_ok'));
    expect(skipped('not_html') + skipped('http_not_ok')).toBeGreaterThan(0);
    expect(items.filter((x) => 'kind' in x && x.kind === 'issue')).toEqual([]);
  });

  it('reports bytes that are not WARC at all, by file', async () => {
    const items = await all(
      readInput(inputFromBytes('notes.warc', new TextEncoder().encode('hello\nworld\n'))),
    );
    expect(items).toEqual([
      expect.objectContaining({ kind: 'issue', reason: 'not_warc', source: 'notes.warc' }),
    ]);
  });
});

describe('charset', () => {
  const bytes = latin1('<html><head><meta charset="iso-8859-1"></head><body>na\u00efve</body></html>');
  it('takes the HTTP header first, then the page, then sniffs', () => {
    expect(decodePage(bytes, 'text/html; charset=windows-1252')).toMatchObject({
      from: 'http',
      charset: 'windows-1252',
    });
    const meta = decodePage(bytes);
    expect(meta).toMatchObject({ from: 'meta', charset: 'windows-1252' }); // WHATWG maps Latin-1 to 1252
    expect(meta.text).toContain('na\u00efve');
    expect(decodePage(new TextEncoder().encode('<p>na\u00efve</p>'))).toMatchObject({
      from: 'sniffed',
      charset: 'utf-8',
    });
    expect(decodePage(latin1('<p>na\u00efve</p>'))).toMatchObject({
      from: 'sniffed',
      charset: 'windows-1252',
      text: '<p>na\u00efve</p>',
    });
    expect(decodePage(bytes, 'text/html; charset=klingon')).toMatchObject({
      from: 'meta',
      unknownLabel: 'klingon',
    });
  });
});

describe('stages', () => {
  it('extracts the article and drops the boilerplate, falling back on pages without one', () => {
    const x = extractMainText(articlePage('Jury report', brown[0].text));
    expect(x.extractor).toBe('readability');
    expect(x.text).toContain(brown[0].text.split('\n')[0].slice(0, 40));
    for (const chrome of [
      'cookies',
      'Most read',
      'Related stories',
      'Comments',
      'All rights reserved',
      'Sport',
    ])
      expect(x.text).not.toContain(chrome);
    const menu = extractMainText('<ul><li><a href="/">Home</a></li><li>Shop</li></ul><footer>©</footer>');
    expect(menu).toEqual({ text: 'Home\nShop', extractor: 'fallback' });
  });

  it('blocks URLs by domain (with subdomains) and by word', () => {
    const list = parseUrlBlockList(EXAMPLE_URL_BLOCKLIST);
    expect(urlFilter('https://www.casino.example/x', list)).toMatchObject({
      reason: 'blocked_domain',
      detail: 'casino.example',
    });
    expect(urlFilter('https://a.b.spam.example/', list)).toMatchObject({
      reason: 'blocked_domain',
      detail: 'spam.example',
    });
    expect(urlFilter('https://news.example/free-viagra-offer', list)).toMatchObject({
      reason: 'blocked_url_word',
      detail: 'viagra',
    });
    expect(urlFilter('https://news.example/casinos-closed', list)).toBeNull(); // a token, not a substring
    expect(urlFilter('https://notspam.example/', list)).toBeNull();
    expect(() => parseUrlBlockList('two words\n', 'list.txt')).toThrow(/list\.txt: line 1/);
  });

  it('identifies the language with fastText lid.176 and keeps English above 0.65', () => {
    const en = lid.predict(brown[0].text.replace(/\n/g, ' '))[0];
    expect(en.label).toBe('en');
    expect(en.score).toBeGreaterThan(0.9);
    expect(lid.predict(GERMAN.replace(/\n/g, ' '))[0].label).toBe('de');
    const c = new Curator(['x'], { language: { model: lid } });
    const r = c.push({ id: 'de', text: GERMAN, source: 'x' });
    expect(r).toMatchObject({
      kind: 'removed',
      removal: { stage: 'language', reason: 'other_language', detail: 'de', threshold: 0.65 },
    });
    const short = c.push({ id: 'short', text: 'Ok ok ok.', source: 'x' });
    expect(short.kind === 'removed' && short.removal.stage).toBe('language');
  });
});

describe('data prepare on web data', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gb-web-'));
    await writeFile(join(dir, 'crawl.warc.gz'), (await crawl()).bytes);
    const rows = brown.slice(5, 9).map((d, i) => ({
      text: d.text,
      id: `<urn:uuid:${i}>`,
      url: `https://site${i}.example/${d.id}`,
      language_score: 0.9 + i / 100,
    }));
    rows.push({ text: GERMAN, id: '<urn:uuid:de>', url: 'https://zeitung.example/p', language_score: 0.1 });
    rows.push({ ...rows[1], id: '<urn:uuid:copy>' });
    await writeFile(join(dir, 'fineweb-sample.parquet'), fineWebParquet(rows, 2));
  });

  it('curates a WARC and a parquet file together, each decision explained, metadata kept', async () => {
    const out = join(dir, 'out');
    const stats = await prepareData([join(dir, 'crawl.warc.gz'), join(dir, 'fineweb-sample.parquet')], {
      out,
    });
    const clean = await lines(join(out, 'clean.jsonl'));
    const removed = await lines(join(out, 'removed.jsonl'));
    const why = Object.fromEntries(removed.map((r) => [r.url, [r.stage, r.reason, r.duplicateOf]]));
    expect(why).toEqual({
      'https://mirror.example/a': ['exact_dedup', 'exact_duplicate', 'https://gazette.example/a'],
      'https://zeitung.example/b': ['language', 'other_language', undefined],
      'https://www.casino.example/win': ['url_filter', 'blocked_domain', undefined],
      'https://zeitung.example/p': ['language', 'other_language', undefined],
      [`https://site1.example/${brown[6].id}`]: ['exact_dedup', 'exact_duplicate', '<urn:uuid:1>'],
    });
    expect(clean.map((d) => d.url)).toEqual([
      'https://gazette.example/a',
      'https://old.example/c',
      ...[0, 1, 2, 3].map((i) => `https://site${i}.example/${brown[5 + i].id}`),
    ]);
    // Web pages say which extractor gave their text; parquet columns come through as metadata.
    expect(clean[0].curation).toMatchObject({ extractor: 'readability', language: 'en' });
    expect(clean[0].text).not.toMatch(/cookies|Related stories/);
    expect(clean[2]).toMatchObject({
      id: '<urn:uuid:0>',
      meta: { id: '<urn:uuid:0>', url: `https://site0.example/${brown[5].id}`, language_score: 0.9 },
      curation: { language: 'en', languageScore: expect.any(Number) },
    });
    expect(removed.find((r) => r.url === 'https://zeitung.example/p').meta.language_score).toBeCloseTo(0.1);
    // Read problems by file and offset; skipped records counted; the funnel in FineWeb's order.
    expect(
      stats.issues.first.map((i) => [i.reason, i.source.endsWith('crawl.warc.gz'), typeof i.offset]),
    ).toEqual([
      ['bad_http_header', true, 'number'],
      ['truncated_record', true, 'number'],
    ]);
    expect(stats.skipped).toEqual({ warc_warcinfo: 1, warc_request: 1, not_html: 1 });
    expect(stats.stages.map((s) => s.stage)).toEqual([...STAGES]); // every stage ran, in FineWeb's order
    const extract = stats.stages.find((s) => s.stage === 'extract')!;
    expect(extract.counts).toEqual({ readability: 4 });
    expect(extract.bytesOut).toBeLessThan(extract.bytesIn);
    expect(stats.input?.files).toBe(2);
    expect(stats.peakMemory).toBeGreaterThan(0);

    // Judged on two worker threads, the output is the same bytes.
    const out2 = join(dir, 'out2');
    const inputs = [join(dir, 'crawl.warc.gz'), join(dir, 'fineweb-sample.parquet')];
    const stats2 = await prepareData(inputs, { out: out2, threads: 2 });
    for (const f of ['clean.jsonl', 'removed.jsonl'])
      expect(await readFile(join(out2, f), 'utf8'), f).toBe(await readFile(join(out, f), 'utf8'));
    expect(stats2.issues).toEqual(stats.issues);
    expect(stats2.stages.map((s) => [s.stage, s.docsOut])).toEqual(
      stats.stages.map((s) => [s.stage, s.docsOut]),
    );
  });
});
