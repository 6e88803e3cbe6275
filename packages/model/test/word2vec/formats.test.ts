// Word-vector files: word2vec text and binary written and read back bit for bit, files as the
// original tool writes them (binary with a newline after each vector) and as gensim 4 writes
// them (without), text without a header, clear errors on broken files, and the Projector's TSV.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shortestFloat32 } from '../../src/word2vec/formats.js';
import {
  formatProjectorTsv,
  formatWord2VecBinary,
  formatWord2VecText,
  parseProjectorTsv,
  parseWord2Vec,
  parseWord2VecBinary,
  parseWord2VecText,
  WordVectors,
} from '../../src/word2vec/index.js';

const v = new WordVectors(
  ['the', 'naïve', '日本', 'x'],
  3,
  Float32Array.from([0.1, -2.5, 1e-8, 3.4028234e38, 0, -0, 1 / 3, 0.5, 123456.789, -1, 2, -3]),
);

function expectSame(a: WordVectors, b: WordVectors) {
  expect(a.words).toEqual(b.words);
  expect(a.dim).toBe(b.dim);
  expect(Array.from(a.data)).toEqual(Array.from(b.data));
}

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url));

describe('word2vec files written by gensim 4.2 (Debian python3-gensim)', () => {
  const want = JSON.parse(fixture('gensim-4.2.json').toString('utf8')) as {
    words: string[];
    vectors: number[][];
    most_similar_cat: [string, number][];
  };

  it('reads its binary and text files to the same float32 values and neighbours', () => {
    for (const name of ['gensim-4.2.bin', 'gensim-4.2.txt']) {
      const v = parseWord2Vec(new Uint8Array(fixture(name)), name);
      expect(v.words).toEqual(want.words);
      expect(Array.from(v.data)).toEqual(Array.from(Float32Array.from(want.vectors.flat())));
      const near = v.nearest('cat', 4);
      expect(near.map((n) => n.word)).toEqual(want.most_similar_cat.map(([w]) => w));
      near.forEach((n, i) => {
        expect(n.similarity).toBeCloseTo(want.most_similar_cat[i][1], 6);
      });
    }
  });

  it("writes the same bytes gensim writes (binary: plus the original tool's newline per vector)", () => {
    const v = parseWord2Vec(new Uint8Array(fixture('gensim-4.2.bin')));
    expect(formatWord2VecText(v)).toBe(fixture('gensim-4.2.txt').toString('utf8'));
    const ours = formatWord2VecBinary(v);
    const theirs = new Uint8Array(fixture('gensim-4.2.bin'));
    // Drop the byte after each record's floats: gensim 4 leaves the newline out.
    const stripped: number[] = [];
    let at = theirs.indexOf(0x0a) + 1;
    stripped.push(...ours.subarray(0, at));
    for (const w of v.words) {
      const n = new TextEncoder().encode(`${w} `).length + 4 * v.dim;
      stripped.push(...ours.subarray(at, at + n));
      at += n + 1;
    }
    expect(Uint8Array.from(stripped)).toEqual(theirs);
  });
});

describe('word2vec files', () => {
  it('round-trips text and binary exactly, telling them apart by content', () => {
    const text = formatWord2VecText(v);
    expect(text.split('\n')[0]).toBe('4 3');
    expect(text.split('\n')[1]).toBe('the 0.1 -2.5 1e-8');
    expectSame(parseWord2Vec(new TextEncoder().encode(text)), v);
    const bin = formatWord2VecBinary(v);
    expectSame(parseWord2Vec(bin), v);
  });

  it('reads binary files with and without the newline after each vector', () => {
    // Built by hand: "2 2\n" then "a " + two float32 LE, then "b " + two float32 LE (gensim 4 style).
    const enc = new TextEncoder();
    const f = new Float32Array([1.5, -2, 0.25, 8]);
    const bytes = new Uint8Array([
      ...enc.encode('2 2\na '),
      ...new Uint8Array(f.buffer, 0, 8),
      ...enc.encode('b '),
      ...new Uint8Array(f.buffer, 8, 8),
    ]);
    const read = parseWord2Vec(bytes);
    expect(read.words).toEqual(['a', 'b']);
    expect(Array.from(read.data)).toEqual([1.5, -2, 0.25, 8]);
    // The original tool's layout adds "\n" after each vector: the binary writer does that.
    const ours = formatWord2VecBinary(read);
    expect(ours.length).toBe(bytes.length + 2);
    expect(ours[ours.length - 1]).toBe(0x0a);
  });

  it('reads text without a header and reports broken files with the line', () => {
    const read = parseWord2VecText('cat 1 2\ndog 1.5 2.5\n');
    expect(read.words).toEqual(['cat', 'dog']);
    expect(read.dim).toBe(2);
    expect(() => parseWord2VecText('2 2\ncat 1 2\ndog 1\n', 'v.txt')).toThrow(
      'v.txt:3: expected a word and 2 numbers, found 2 fields',
    );
    expect(() => parseWord2VecText('1 2\ncat 1 x\n', 'v.txt')).toThrow('v.txt:2: "x" is not a number');
    expect(() => parseWord2VecText('3 2\ncat 1 2\n')).toThrow(/promises 3 words but the file holds 1/);
    const bin = formatWord2VecBinary(v);
    expect(() => parseWord2Vec(bin.subarray(0, bin.length - 10), 'v.bin')).toThrow(
      'v.bin: the file ends inside record 4 of 4; is it truncated?',
    );
    expect(() => formatWord2VecText(new WordVectors(['a b'], 1, new Float32Array(1)))).toThrow(/whitespace/);
  });

  it('refuses a binary header promising more than the file holds, before allocating', () => {
    const bin = formatWord2VecBinary(v);
    const body = bin.subarray(bin.indexOf(0x0a) + 1);
    for (const header of ['4000000000 300\n', '4 1000000000\n', '9007199254740991 2\n']) {
      const bytes = new Uint8Array([...new TextEncoder().encode(header), ...body]);
      expect(() => parseWord2VecBinary(bytes, 'v.bin')).toThrow(
        /^v\.bin: the header promises .* but the file holds/,
      );
    }
  });

  it('prints each float32 with the fewest digits that read back the same', () => {
    expect(shortestFloat32(Math.fround(0.1))).toBe('0.1');
    expect(shortestFloat32(Math.fround(1 / 3))).toBe('0.33333334');
    for (const x of new Float32Array([Math.PI, 1e-30, -7.006e-8, 16777217])) {
      expect(Math.fround(Number(shortestFloat32(x)))).toBe(x);
    }
  });

  it('writes and reads the Embedding Projector TSV pair', () => {
    const odd = new WordVectors(
      ['tab\there', 'new\nline', 'back\\slash'],
      2,
      Float32Array.from([1, 2, 3, 4, 5, 6]),
    );
    const { vectors, metadata } = formatProjectorTsv(odd);
    expect(vectors).toBe('1\t2\n3\t4\n5\t6\n');
    expect(metadata).toBe('tab\\there\nnew\\nline\nback\\\\slash\n');
    expectSame(parseProjectorTsv(vectors, metadata), odd);
    expect(() => parseProjectorTsv(vectors, 'a\n')).toThrow(/3 vectors but 1 metadata lines/);
  });
});
