// The shared whole-file text reader: strict UTF-8 named by byte and line, BOM dropped, binary and
// oversized input (including a device that never ends) refused with the limit named.

import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeTextChunks, firstInvalidUtf8, readTextFile } from '../../src/node/text-input.js';

const dir = mkdtempSync(join(tmpdir(), 'gb-text-'));
const file = (name: string, bytes: Uint8Array | string) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};
const enc = (s: string) => new TextEncoder().encode(s);

describe('readTextFile', () => {
  it('names the byte offset and line of invalid UTF-8 instead of writing U+FFFD', async () => {
    const p = file('bad.txt', new Uint8Array([...enc('ab\ncé\n'), 0xff, 0x41]));
    await expect(readTextFile(p, 'training text file')).rejects.toThrow(
      `${p}: invalid UTF-8 at byte 7 (line 3)`,
    );
  });

  it('drops a UTF-8 byte-order mark and keeps the rest exactly', async () => {
    const p = file('bom.txt', new Uint8Array([0xef, 0xbb, 0xbf, ...enc('{"a":1}\nñ')]));
    expect(await readTextFile(p)).toBe('{"a":1}\nñ');
  });

  it('refuses a binary file, a folder and a missing file in one line each', async () => {
    await expect(readTextFile(file('bin', new Uint8Array([1, 0, 2])))).rejects.toThrow('NUL byte at byte 1');
    await expect(readTextFile(dir, 'input file')).rejects.toThrow('expected a input file but found a folder');
    await expect(readTextFile(join(dir, 'nope'))).rejects.toThrow('no such file');
  });

  it('refuses input over the limit, naming it, and /dev/zero without hanging', async () => {
    const p = file('big.txt', 'x'.repeat(3 * 1048576));
    const big = await readTextFile(p, 'input file', 2 * 1048576).then(
      () => 'read',
      (e: Error) => e.message,
    );
    expect(big).toContain('is 3 MiB, over the 2 MiB limit');
    await expect(readTextFile('/dev/zero', 'input file')).rejects.toThrow('binary file');
    const text = (function* () {
      for (;;) yield enc('text that never ends\n');
    })();
    await expect(decodeTextChunks(text, 'standard input', { maxBytes: 1000 })).rejects.toThrow(
      'longer than the 1000-byte limit',
    );
  });

  it('decodes characters split across chunks', async () => {
    const bytes = enc('a€b😀c');
    const chunks = Array.from(bytes, (b) => new Uint8Array([b]));
    expect(await decodeTextChunks(chunks, 'x')).toBe('a€b😀c');
  });
});

describe('firstInvalidUtf8', () => {
  const at = (...b: number[]) => firstInvalidUtf8([new Uint8Array(b)]).offset;
  it('follows the Unicode table of well-formed sequences', () => {
    expect(at(0x41, 0xc0, 0x80)).toBe(1); // overlong
    expect(at(0xe0, 0x80, 0x80)).toBe(1); // overlong three-byte
    expect(at(0xed, 0xa0, 0x80)).toBe(1); // surrogate
    expect(at(0xf4, 0x90, 0x80, 0x80)).toBe(1); // above U+10FFFF
    expect(at(0xf5)).toBe(0);
    expect(at(0x41, 0xe2, 0x82)).toBe(1); // cut short at the end
    expect(firstInvalidUtf8([enc('a\nb\n'), new Uint8Array([0x80])])).toEqual({ offset: 4, line: 3 });
  });
});

describe('byte-order marks in JSON files', () => {
  it('a tokenizer.json text starting with a BOM loads', async () => {
    const { tokenizerFromJSON, trainChar } = await import('../../src/tokenizer/index.js');
    const json = JSON.stringify(trainChar({ texts: ['abc'] }).toJSON());
    expect(tokenizerFromJSON(`\ufeff${json}`).encode('cab')).toEqual(tokenizerFromJSON(json).encode('cab'));
  });
});

describe('decodeTextChunks on invalid UTF-8 far into a stream', () => {
  it('names the absolute byte and line, whatever the chunk sizes', async () => {
    const head = enc('line one\nline two €\n'.repeat(1000)); // 22 000 bytes, 2000 lines
    const bytes = new Uint8Array([...head, ...enc('ok 😀 '), 0xf0, 0x9f, 0x98, 0x41]);
    const at = head.length + enc('ok 😀 ').length;
    for (const size of [1, 2, 3, 5, 4096, 1 << 20]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      await expect(decodeTextChunks(chunks, 's')).rejects.toThrow(
        `s: invalid UTF-8 at byte ${at + 3} (line 2001)`,
      );
    }
    // A character cut short by the end of the input, fed one byte at a time.
    const ending = [...enc('abcde'), 0xe2, 0x82].map((b) => new Uint8Array([b]));
    await expect(decodeTextChunks(ending, 't')).rejects.toThrow('t: invalid UTF-8 at byte 5 (line 1)');
  });
});

describe('training text', () => {
  it('is refused over the training limit, before it is read', async () => {
    const { openCorpus } = await import('../../src/node/corpus.js');
    const p = join(dir, 'huge.txt');
    writeFileSync(p, '');
    truncateSync(p, 65 * 1048576); // sparse: nothing is written
    await expect(openCorpus(p)).rejects.toThrow(`${p}: is 65 MiB, over the 64 MiB limit`);
  });
});

describe('checkpoint folders', () => {
  it('refuse a config or tokenizer file too large to read whole, before reading it', async () => {
    const { openCheckpointDir } = await import('../../src/node/checkpoint-dir.js');
    const ck = join(dir, 'ck');
    mkdirSync(ck);
    writeFileSync(join(ck, 'config.json'), '{}');
    writeFileSync(join(ck, 'tokenizer.json'), '');
    truncateSync(join(ck, 'tokenizer.json'), 300 * 1048576); // sparse
    await expect(openCheckpointDir(ck)).rejects.toThrow(`${ck}: tokenizer.json is 300 MiB, over the 256 MiB`);
  });
});
