// Readers: bytes in any chunking give the same lines; HTML keeps visible text only; JSONL takes
// its text from a chosen field; plain text splits on document markers; normalization.
import { describe, expect, it } from 'vitest';
import {
  htmlToText,
  normalizeText,
  type RawDocument,
  type ReadItem,
  readDocuments,
} from '../../src/data/index.js';
import { byteLines } from '../../src/data/readers/index.js';

const enc = new TextEncoder();
async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
const docs = (items: ReadItem[]) => items.filter((x): x is RawDocument => !('kind' in x));

describe('byte lines', () => {
  it('gives the same lines whatever the chunk boundaries, multi-byte characters included', async () => {
    const text = '\ufeffcafé ☕ naïve\r\nsecond 😀 line\n\nlast without newline';
    const bytes = enc.encode(text);
    const whole = await all(byteLines([bytes], 'x'));
    expect(whole).toEqual([
      { line: 1, text: 'café ☕ naïve' },
      { line: 2, text: 'second 😀 line' },
      { line: 3, text: '' },
      { line: 4, text: 'last without newline' },
    ]);
    const oneByOne = await all(
      byteLines(
        Array.from(bytes, (b) => new Uint8Array([b])),
        'x',
      ),
    );
    expect(oneByOne).toEqual(whole);
  });
});

describe('HTML', () => {
  it('keeps the visible text and drops scripts, styles, navigation and hidden parts', () => {
    const html = `<html><head><title>T</title><style>p{color:red}</style></head><body>
      <nav><a href="/">Home</a></nav><header>Site name</header>
      <script>var x = "<p>not text</p>";</script>
      <h1>Big &amp; bold</h1><p>First   paragraph
      spans lines.</p><p>Second<br>line &eacute;t&eacute;.</p>
      <ul><li>one</li><li>two</li></ul><div hidden>secret</div><span aria-hidden="true">icon</span>
      <aside>ads</aside><footer>(c) 2024</footer><pre>  keep   spaces</pre></body></html>`;
    expect(htmlToText(html)).toBe(
      'Big & bold\n\nFirst paragraph spans lines.\n\nSecond\nline été.\n\none\ntwo\n\nkeep   spaces',
    );
  });

  it('reads an HTML file as one document', async () => {
    const items = await all(readDocuments('page.html', [enc.encode('<p>Hello <b>world</b>.</p>')]));
    expect(items).toEqual([
      { id: 'page.html', text: '<p>Hello <b>world</b>.</p>', format: 'html', source: 'page.html', line: 1 },
    ]);
  });
});

describe('JSONL and text', () => {
  it('takes text and id from chosen fields', async () => {
    const lines = ['{"id": 7, "meta": {"body": "first"}}', '', '{"meta": {"body": "second"}}'].join('\n');
    const items = await all(readDocuments('d.jsonl', [enc.encode(lines)], { textField: 'meta.body' }));
    expect(items).toEqual([
      { id: '7', text: 'first', source: 'd.jsonl', line: 1 },
      { id: 'd.jsonl:3', text: 'second', source: 'd.jsonl', line: 3 },
    ]);
  });

  it('splits plain text on <|endoftext|> lines and form feeds', async () => {
    const text = 'one\ntwo\n<|endoftext|>\nthree\n\f\nfour\n';
    const items = docs(await all(readDocuments('t.txt', [enc.encode(text)])));
    expect(items.map((d) => [d.text, d.line])).toEqual([
      ['one\ntwo', 1],
      ['three', 4],
      ['four', 6],
    ]);
  });

  it('cuts a huge unmarked text at blank lines', async () => {
    const text = `${'a'.repeat(50)}\n\n${'b'.repeat(50)}\n\n${'c'.repeat(10)}`;
    const items = docs(await all(readDocuments('t.txt', [enc.encode(text)], { maxDocumentChars: 40 })));
    expect(items.map((d) => d.text.trim())).toEqual(['a'.repeat(50), 'b'.repeat(50), 'c'.repeat(10)]);
  });
});

describe('normalization', () => {
  it('composes to NFC, unifies spaces and line breaks, and removes control characters', () => {
    const decomposed = 'cafe\u0301';
    expect(normalizeText(decomposed)).toBe('café');
    expect(normalizeText(' a\t\u00a0b  \r\n\r\n\r\n\r\nc\u0007d\u200b ')).toBe('a b\n\ncd');
  });
});
