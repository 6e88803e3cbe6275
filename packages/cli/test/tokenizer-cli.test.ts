// The tokenizer commands as a user runs them: train (bpe, char, word) to a tokenizer.json that the
// library loads back, tokenize with GPT-2 (ids equal to tiktoken's) and with a trained file,
// detokenize round trips, and bad input ending in one line with a non-zero exit.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedDataPath } from '@glassbox/model/node';
import { tokenizerFromJSON } from '@glassbox/model/tokenizer';
import { get_encoding } from 'tiktoken';
import { afterAll, describe, expect, it } from 'vitest';
import { glassbox } from './run-cli.js';

const SHAKESPEARE = sharedDataPath('tinyshakespeare.txt');
const dir = mkdtempSync(join(tmpdir(), 'glassbox-tok-'));
const slice = join(dir, 'slice.txt');
writeFileSync(slice, readFileSync(SHAKESPEARE, 'utf8').slice(0, 60_000));
const ref = get_encoding('gpt2');
afterAll(() => ref.free());

describe('glassbox tokenizer / tokenize / detokenize', () => {
  it('trains a BPE to a tokenizer.json the library loads, with a summary', () => {
    const out = join(dir, 'bpe.json');
    const r = glassbox([
      'tokenizer',
      'train',
      '--type',
      'bpe',
      '--vocab-size',
      '400',
      '--input',
      slice,
      '--out',
      out,
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /vocabulary: 400 tokens = 256 bytes \+ 143 merges \+ 1 special \(<\|endoftext\|>\)/,
    );
    expect(r.stdout).toMatch(/compression on the training text: [\d,]+ tokens, [\d.]+ bytes\/token/);
    const tok = tokenizerFromJSON(readFileSync(out, 'utf8'));
    expect(tok.kind).toBe('bpe');
    expect(tok.vocabSize).toBe(400);
    const text = 'Before we proceed any further, hear me speak.';
    const ids = glassbox(['tokenize', '--tokenizer', out, '--ids', text]);
    expect(ids.stdout.trim()).toBe(tok.encode(text).join(' '));
  });

  it("trains char (nanoGPT's 65 on tinyshakespeare) and word tokenizers", () => {
    const charOut = join(dir, 'char.json');
    const c = glassbox(['tokenizer', 'train', '--type', 'char', '--input', SHAKESPEARE, '--out', charOut]);
    expect(c.status).toBe(0);
    expect(c.stdout).toMatch(/vocabulary: 65 tokens, 0 special/);
    expect(tokenizerFromJSON(readFileSync(charOut, 'utf8')).kind).toBe('char');
    const wordOut = join(dir, 'word.json');
    const w = glassbox([
      'tokenizer',
      'train',
      '--type',
      'word',
      '--vocab-size',
      '500',
      '--input',
      slice,
      '--out',
      wordOut,
    ]);
    expect(w.status).toBe(0);
    expect(w.stdout).toMatch(/vocabulary: 500 tokens, 1 special \(<unk>\)/);
    expect(w.stdout).toMatch(/% <unk>/);
  });

  it('tokenizes with GPT-2 exactly as tiktoken, in every output form', () => {
    const text = "Hello, world! It's 😀 time.";
    const expected = Array.from(ref.encode(text));
    const ids = glassbox(['tokenize', '--ids', text]);
    expect(ids.stdout.trim()).toBe(expected.join(' '));
    const json = JSON.parse(glassbox(['tokenize', '--json', text]).stdout);
    expect(json.ids).toEqual(expected);
    expect(json.count).toBe(expected.length);
    expect(json.bytesPerToken).toBeCloseTo(Buffer.byteLength(text) / expected.length, 10);
    const plain = glassbox(['tokenize', text]);
    expect(plain.stdout).toContain('Hello|,|·world|!|·It|');
    expect(plain.stdout).toContain(`${expected.length} tokens, ${Buffer.byteLength(text)} bytes`);
    const explain = glassbox(['tokenize', '--explain', text]);
    expect(explain.stdout).toMatch(/^\s*2\s+995\s+·world\s+6–12$/m);
    expect(explain.stdout).toMatch(/\\xF0\\x9F/); // the emoji's first bytes, a partial character
  });

  it('reads text from a file or standard input and detokenizes back exactly', () => {
    const text = 'Line one\n\ttabbed — “quoted” 漢字\n';
    const file = join(dir, 'in.txt');
    writeFileSync(file, text);
    const ids = glassbox(['tokenize', '--ids', '--file', file]).stdout;
    expect(glassbox(['tokenize', '--ids', '--file', '-'], { input: text }).stdout).toBe(ids);
    expect(glassbox(['detokenize'], { input: ids }).stdout).toBe(text);
    expect(glassbox(['detokenize', `[${ids.trim().split(' ').join(',')}]`]).stdout).toBe(text);
  });

  it('says so when it learns fewer tokens than asked', () => {
    const few = join(dir, 'few.txt');
    writeFileSync(few, 'ab ab ab');
    const r = glassbox([
      'tokenizer',
      'train',
      '--type',
      'word',
      '--vocab-size',
      '50',
      '--input',
      few,
      '--out',
      join(dir, 'few.json'),
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /note: \d+ tokens, fewer than the 50 asked for: the training text holds no more distinct words/,
    );
  });

  it('rejects wrong input with one line and a non-zero exit', () => {
    const notTok = join(dir, 'not.json');
    writeFileSync(notTok, '{"hello": 1}');
    const big = join(dir, 'big.txt');
    writeFileSync(big, 'word '.repeat(1024 * 1024));
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const badUtf8 = join(dir, 'bad.txt');
    writeFileSync(badUtf8, new Uint8Array([...Buffer.from('hello\n'), 0xff, 0x20]));
    const cases: [string[], RegExp][] = [
      [['tokenizer', 'train', '--vocab-size', '100', '--input', slice], /below the byte alphabet/],
      [
        ['tokenizer', 'train', '--vocab-size', '300', '--input', join(dir, 'missing.txt')],
        /missing\.txt: no such input file/,
      ],
      [['tokenizer', 'train', '--type', 'word', '--input', slice], /needs a vocabulary size/],
      [['tokenizer', 'train', '--vocab-size', 'many', '--input', slice], /--vocab-size: expected an integer/],
      [['tokenize', '--tokenizer', notTok, 'hi'], /not\.json: not a tokenizer file/],
      [['tokenize', '--tokenizer', join(dir, 'nope.json'), 'hi'], /no such tokenizer file/],
      [['tokenize'], /no text/],
      [['detokenize', '12', 'x'], /token id #2 is not a non-negative integer/],
      [['detokenize', '99999999'], /token id 99999999 is out of range/],
      [
        ['detokenize', '12', '\u001b[31mred'],
        /token id #2 is not a non-negative integer: "\\u001b\[31mred"$/m,
      ],
      [['tokenizer', 'train', '--vocab-size', '300', '--input', empty], /empty\.txt: the input is empty/],
      [
        ['tokenizer', 'train', '--type', 'char', '--input', badUtf8],
        /bad\.txt: invalid UTF-8 at byte 6 \(line 2\)/,
      ],
      [['tokenize', '--file', badUtf8], /bad\.txt: invalid UTF-8 at byte 6 \(line 2\)/],
      [['tokenize', '--file', '/dev/zero'], /zero: looks like a binary file/],
      [['tokenize', '--json', '--file', big], /big\.txt: is 5 MiB, over the 4 MiB limit/],
    ];
    for (const [args, message] of cases) {
      const r = glassbox(args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('glassbox bench --only tokenizer', () => {
  it('emits training and encoding rows, and every GPT-2 encoder gives the same ids', () => {
    const r = glassbox(['bench', '--quick', '--json', '--only', 'tokenizer']);
    expect(r.status).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const train = rows.find((x) => x.kernel === 'bpe train 1024' && x.impl === 'glassbox');
    expect(train.ms).toBeGreaterThan(0);
    expect(train.extra.peakMiB).toBeGreaterThan(0);
    const encode = rows.filter((x) => x.kernel === 'gpt2 encode');
    expect(encode.map((x) => x.impl)).toEqual(['glassbox', 'gpt-tokenizer', 'tiktoken', 'js-tiktoken']);
    for (const row of encode) expect(row.extra.sameIds).toBe(1);
  });
});
