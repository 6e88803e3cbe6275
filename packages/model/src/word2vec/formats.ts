// Word-vector files, bytes in and bytes out (Node and the browser alike):
// - word2vec text: a header "words dims", then one line per word: the word and its numbers,
//   separated by spaces (the original tool's and gensim's format; a file without the header,
//   as gensim writes with no_header, is read too);
// - word2vec binary: the same header, then per word its UTF-8 bytes, a space and dims
//   little-endian float32 values, followed by a newline (as the original tool writes; readers
//   that skip the newline, like gensim's, read it, and files without it are read here too);
// - TSV for the TensorFlow Embedding Projector: vectors.tsv (tab-separated numbers, one row per
//   word) and metadata.tsv (one word per line).
// Text output prints each float32 with the fewest digits that read back to the same value.
// Does not handle: words containing spaces (the formats cannot hold them), fastText's .vec subwords.

import { GlassboxError } from '../util/errors.js';
import { WordVectors } from './vectors.js';

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Reads a word2vec file of either kind, telling binary from text by its first record. */
export function parseWord2Vec(bytes: Uint8Array, where = 'vectors'): WordVectors {
  const eol = bytes.indexOf(0x0a);
  const header = utf8.decode(bytes.subarray(0, eol < 0 ? bytes.length : eol)).trim();
  if (!/^\d+\s+\d+$/.test(header)) return parseWord2VecText(decodeWhole(bytes, where), where);
  const dim = Number(header.split(/\s+/)[1]);
  const next = bytes.indexOf(0x0a, eol + 1);
  const firstRecord = utf8.decode(bytes.subarray(eol + 1, next < 0 ? bytes.length : next)).trim();
  const fields = firstRecord.split(/\s+/);
  const looksText = fields.length === dim + 1 && fields.slice(1).every((f) => Number.isFinite(Number(f)));
  return looksText ? parseWord2VecText(decodeWhole(bytes, where), where) : parseWord2VecBinary(bytes, where);
}

/** JavaScript's longest string (V8: 2^29 − 24 UTF-16 units); a text file longer than that cannot be held. */
const MAX_TEXT_BYTES = 2 ** 29 - 24;

function decodeWhole(bytes: Uint8Array, where: string): string {
  if (bytes.length > MAX_TEXT_BYTES)
    throw new GlassboxError(
      `is ${Math.round(bytes.length / 2 ** 20)} MiB of text, over the 512 MiB a text vectors file can be read whole; use the word2vec binary format for vectors this large`,
      where,
    );
  return utf8.decode(bytes);
}

export function parseWord2VecText(text: string, where = 'vectors'): WordVectors {
  const lines = text.split(/\r?\n/);
  let first = 0;
  let count: number | undefined;
  let dim: number | undefined;
  if (/^\s*\d+\s+\d+\s*$/.test(lines[0] ?? '')) {
    [count, dim] = lines[0].trim().split(/\s+/).map(Number);
    first = 1;
  }
  const words: string[] = [];
  const values: number[] = [];
  for (let i = first; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const fields = line.split(/\s+/);
    dim ??= fields.length - 1;
    if (fields.length !== dim + 1) {
      throw new GlassboxError(
        `expected a word and ${dim} numbers, found ${fields.length} fields; is this a word2vec text file?`,
        `${where}:${i + 1}`,
      );
    }
    for (let k = 1; k <= dim; k++) {
      const x = Number(fields[k]);
      if (!Number.isFinite(x)) throw new GlassboxError(`"${fields[k]}" is not a number`, `${where}:${i + 1}`);
      values.push(x);
    }
    words.push(fields[0]);
  }
  if (!dim || words.length === 0) throw new GlassboxError('no vectors found', where);
  if (count !== undefined && count !== words.length) {
    throw new GlassboxError(`the header promises ${count} words but the file holds ${words.length}`, where);
  }
  return new WordVectors(words, dim, Float32Array.from(values));
}

export function parseWord2VecBinary(bytes: Uint8Array, where = 'vectors'): WordVectors {
  const eol = bytes.indexOf(0x0a);
  const [count, dim] = utf8.decode(bytes.subarray(0, eol)).trim().split(/\s+/).map(Number);
  if (!(eol > 0 && count >= 1 && dim >= 1)) {
    throw new GlassboxError('expected a header line "words dims" at the start of a word2vec file', where);
  }
  // Each record takes at least a 1-byte word, a space and 4·dims bytes: a header promising more
  // than the file can hold is refused before anything is allocated.
  const minRecord = 2 + 4 * dim;
  if (!Number.isSafeInteger(count * minRecord) || count * minRecord > bytes.length - eol - 1) {
    throw new GlassboxError(
      `the header promises ${count} words of ${dim} numbers (at least ${count * minRecord} bytes) but the file holds ${bytes.length} bytes; is it truncated or not a word2vec file?`,
      where,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const data = new Float32Array(count * dim);
  const words: string[] = [];
  let at = eol + 1;
  for (let w = 0; w < count; w++) {
    while (at < bytes.length && (bytes[at] === 0x0a || bytes[at] === 0x0d)) at++;
    const space = bytes.indexOf(0x20, at);
    if (space < 0 || space + 1 + 4 * dim > bytes.length) {
      throw new GlassboxError(`the file ends inside record ${w + 1} of ${count}; is it truncated?`, where);
    }
    words.push(utf8.decode(bytes.subarray(at, space)));
    at = space + 1;
    for (let k = 0; k < dim; k++, at += 4) data[w * dim + k] = view.getFloat32(at, true);
  }
  return new WordVectors(words, dim, data);
}

export function formatWord2VecText(v: WordVectors): string {
  const out: string[] = [`${v.size} ${v.dim}`];
  for (let r = 0; r < v.size; r++) {
    const row = v.data.subarray(r * v.dim, (r + 1) * v.dim);
    out.push(`${checkWord(v.words[r])} ${Array.from(row, shortestFloat32).join(' ')}`);
  }
  return `${out.join('\n')}\n`;
}

export function formatWord2VecBinary(v: WordVectors): Uint8Array {
  const enc = new TextEncoder();
  const header = enc.encode(`${v.size} ${v.dim}\n`);
  const names = v.words.map((w) => enc.encode(`${checkWord(w)} `));
  const total = header.length + names.reduce((n, b) => n + b.length + 4 * v.dim + 1, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(header);
  let at = header.length;
  names.forEach((name, r) => {
    out.set(name, at);
    at += name.length;
    for (let k = 0; k < v.dim; k++, at += 4) view.setFloat32(at, v.data[r * v.dim + k], true);
    out[at++] = 0x0a;
  });
  return out;
}

/** The Embedding Projector's two files; tabs and newlines inside a word are written as \t and \n. */
export function formatProjectorTsv(v: WordVectors): { vectors: string; metadata: string } {
  const rows: string[] = [];
  for (let r = 0; r < v.size; r++) {
    rows.push(Array.from(v.data.subarray(r * v.dim, (r + 1) * v.dim), shortestFloat32).join('\t'));
  }
  const metadata = v.words.map((w) => w.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n'));
  return { vectors: `${rows.join('\n')}\n`, metadata: `${metadata.join('\n')}\n` };
}

export function parseProjectorTsv(vectors: string, metadata: string, where = 'vectors.tsv'): WordVectors {
  const rows = vectors.split(/\r?\n/).filter((l) => l.trim() !== '');
  const words = metadata.split(/\r?\n/).filter((l) => l !== '');
  if (rows.length !== words.length) {
    throw new GlassboxError(`${rows.length} vectors but ${words.length} metadata lines`, where);
  }
  const dim = rows[0]?.split('\t').length ?? 0;
  const data = new Float32Array(rows.length * dim);
  rows.forEach((row, r) => {
    const fields = row.split('\t');
    if (fields.length !== dim)
      throw new GlassboxError(`expected ${dim} values, found ${fields.length}`, `${where}:${r + 1}`);
    fields.forEach((f, k) => {
      data[r * dim + k] = Number(f);
    });
  });
  const unescapeWord = (w: string) =>
    w.replace(/\\(\\|t|n)/g, (_, c) => (c === 't' ? '\t' : c === 'n' ? '\n' : '\\'));
  return new WordVectors(words.map(unescapeWord), dim, data);
}

/** The shortest decimal that reads back as the same float32 (6 to 9 significant digits). */
export function shortestFloat32(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  for (let p = 6; p < 9; p++) {
    const s = Number(x.toPrecision(p));
    if (Math.fround(s) === x) return String(s);
  }
  return String(Number(x.toPrecision(9)));
}

function checkWord(w: string): string {
  if (w === '' || /\s/.test(w)) {
    throw new GlassboxError(
      `the word ${JSON.stringify(w)} is empty or holds whitespace; word2vec files cannot store it`,
    );
  }
  return w;
}
