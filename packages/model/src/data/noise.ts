// Web-like noise around clean documents, seeded: what the curation pipeline is for, made on
// demand so its tests, the benchmark and the Data page can show every stage at work. From clean
// documents it makes some into HTML pages (navigation, scripts, cookie banners, footers around the
// text), adds exact copies (with whitespace changed, which normalization undoes), near copies (one
// word changed; two paragraphs swapped) and junk pages that each trip one family of rules.
// Not a model of the real web: the proportions are knobs, the junk is templated.

import { Random } from '../util/random.js';

export interface NoiseOptions {
  seed?: number;
  /** Fraction of documents served as HTML pages. Default 0.25. */
  html?: number;
  /** Extra exact copies, as a fraction of the documents. Default 0.05. */
  exactCopies?: number;
  /** Extra near copies, as a fraction of the documents. Default 0.05. */
  nearCopies?: number;
  /** Junk pages, as a fraction of the documents. Default 0.1. */
  junk?: number;
}

/** An input file: its name (the extension picks the reader) and content. */
export interface NoisyFile {
  name: string;
  text: string;
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const esc = (s: string) => s.replace(/[&<>]/g, (c) => ESC[c]);

export function htmlPage(title: string, text: string): string {
  const body = text
    .split('\n\n')
    .map((p) => `<p>${esc(p).replace(/\n/g, ' ')}</p>`)
    .join('\n');
  return `<!doctype html><html><head><title>${esc(title)}</title><style>p{margin:0}</style>
<script>window.dataLayer=[];function gtag(){dataLayer.push(arguments)}</script></head><body>
<header><a href="/">Home</a> | <a href="/news">News</a> | <a href="/about">About us</a></header>
<nav><ul><li>Politics</li><li>Sports</li><li>Weather</li></ul></nav>
<main><h1>${esc(title)}</h1>
${body}</main>
<aside>Related: Ten tips you will not believe</aside>
<div hidden>tracking pixel</div>
<footer>&copy; 1961 The Daily Example. All rights reserved. <a href="/privacy">Privacy policy</a></footer>
</body></html>\n`;
}

const JUNK: ((rng: Random, filler: string) => string)[] = [
  // navigation menu: a few short words, no sentences
  () => 'Home\nProducts\nServices\nBlog\nContact\nLogin\nSign up',
  // repetition: one line over and over
  (_r, f) => `${f.split('\n')[0]}\n`.repeat(12) + 'Buy now and save big on every order today.',
  // lorem ipsum filler inside real sentences (C4 drops the page)
  (_r, f) => `${f}\nLorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.`,
  // code with curly brackets beside prose (C4 drops the page)
  (_r, f) => `${f}\nfunction track(user) { return fetch('/t?u=' + user); }`,
  // hashtags
  (r) =>
    Array.from({ length: 12 }, () => `#deal #sale #win #free the best offer ${r.int(1000)} of the year`).join(
      '\n',
    ),
  // a product list of short lines with no punctuation
  (r) => Array.from({ length: 40 }, (_, i) => `Item ${i + 1} size ${r.int(12)} colour red`).join('\n'),
];

/** Clean documents plus seeded noise, as files: one JSONL of plain documents and HTML pages. */
export function noisyCorpus(
  docs: readonly { id: string; text: string }[],
  opts: NoiseOptions = {},
): NoisyFile[] {
  const rng = new Random(opts.seed ?? 1);
  const { html = 0.25, exactCopies = 0.05, nearCopies = 0.05, junk = 0.1 } = opts;
  const plain: { id: string; text: string }[] = [];
  const files: NoisyFile[] = [];
  for (const d of docs) {
    if (rng.next() < html) files.push({ name: `${d.id}.html`, text: htmlPage(d.id, d.text) });
    else plain.push({ id: d.id, text: d.text });
  }
  // Copies go somewhere after their original (so the original is the one kept), junk anywhere.
  const insertAfter = (from: number, doc: { id: string; text: string }) =>
    plain.splice(from + 1 + rng.int(plain.length - from), 0, doc);
  const pickPlain = () => rng.int(plain.length);
  for (let i = 0; i < Math.round(docs.length * exactCopies) && plain.length; i++) {
    const at = pickPlain();
    const d = plain[at];
    insertAfter(at, { id: `${d.id}-copy${i}`, text: d.text.replace(/ /g, '  ').replace(/\n/g, '\r\n') });
  }
  for (let i = 0; i < Math.round(docs.length * nearCopies) && plain.length; i++) {
    const at = pickPlain();
    const d = plain[at];
    const text = i % 2 ? swapParagraphs(d.text, rng) : changeOneWord(d.text, rng);
    insertAfter(at, { id: `${d.id}-near${i}`, text });
  }
  for (let i = 0; i < Math.round(docs.length * junk); i++) {
    const filler = docs[rng.int(docs.length)].text.split('\n').slice(0, 6).join('\n');
    insertAfter(-1, { id: `junk${i}`, text: JUNK[i % JUNK.length](rng, filler) });
  }
  files.unshift({ name: 'documents.jsonl', text: plain.map((d) => JSON.stringify(d)).join('\n') + '\n' });
  return files;
}

export function changeOneWord(text: string, rng: Random): string {
  const words = text.split(' ');
  words[rng.int(words.length)] = 'banana';
  return words.join(' ');
}

export function swapParagraphs(text: string, rng: Random): string {
  const paras = text.split('\n\n');
  if (paras.length < 2) return changeOneWord(text, rng);
  const i = rng.int(paras.length - 1);
  [paras[i], paras[i + 1]] = [paras[i + 1], paras[i]];
  return paras.join('\n\n');
}
