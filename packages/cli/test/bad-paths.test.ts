// Every command, pointed at a missing file, at a folder where a file belongs (or a folder that
// is not what it expects), or at an output it cannot write, answers with one error line naming
// the path (after any progress lines) and exits 1: no stack trace, no "internal error", no temporary file left behind.
// Table-driven: one row per command and kind of bad path; the runs go three at a time.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAIN = new URL('../dist/main.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'glassbox-paths-'));
const missing = join(dir, 'missing.txt');
const folder = join(dir, 'folder');
mkdirSync(folder);
const text = join(dir, 'text.txt');
writeFileSync(text, 'the cat sat on the mat. the dog sat on the log.\n'.repeat(20));
/** A path under a regular file: no command can write there (ENOTDIR), as root or not. */
const blocked = (name: string) => join(text, name);

type Row = [what: string, args: string[], names: string];

const MISSING: Row[] = [
  ['train --data', ['train', '--data', missing, '--out', join(dir, 'r1')], missing],
  ['train --resume', ['train', '--resume', missing], missing],
  ['generate', ['generate', missing], missing],
  ['eval', ['eval', missing, text], missing],
  ['inspect', ['inspect', missing, 'hi'], missing],
  ['finetune', ['finetune', missing, '--data', 'builtin', '--out', join(dir, 'f1')], missing],
  ['compare', ['compare', missing, missing, '--prompts', 'builtin'], missing],
  ['chat', ['chat', missing], missing],
  ['data prepare', ['data', 'prepare', missing, '--out', join(dir, 'p1')], missing],
  ['data stats', ['data', 'stats', missing], missing],
  [
    'tokenizer train',
    ['tokenizer', 'train', '--type', 'char', '--input', missing, '--out', join(dir, 't1.json')],
    missing,
  ],
  ['tokenize --file', ['tokenize', '--file', missing], missing],
  ['tokenize --tokenizer', ['tokenize', '--tokenizer', missing, 'hi'], missing],
  ['detokenize --tokenizer', ['detokenize', '--tokenizer', missing, '1'], missing],
  ['embed train --corpus', ['embed', 'train', '--corpus', missing, '--out', join(dir, 'v1.txt')], missing],
  ['embed similar', ['embed', 'similar', missing, 'cat'], missing],
  ['embed analogy', ['embed', 'analogy', missing, 'a', 'b', 'c'], missing],
  ['embed odd', ['embed', 'odd', missing, 'a', 'b', 'c'], missing],
  ['embed project', ['embed', 'project', missing, '--out', join(dir, 'm.json')], missing],
  ['embed eval', ['embed', 'eval', missing, '--pairs', text], missing],
  ['embed convert', ['embed', 'convert', missing, join(dir, 'c1.txt')], missing],
];

const FOLDER: Row[] = [
  ['train --data', ['train', '--data', folder, '--out', join(dir, 'r2')], folder],
  ['generate', ['generate', folder], folder],
  ['eval (model)', ['eval', folder, text], folder],
  ['chat', ['chat', folder], folder],
  [
    'tokenizer train',
    ['tokenizer', 'train', '--type', 'char', '--input', folder, '--out', join(dir, 't2.json')],
    folder,
  ],
  ['tokenize --file', ['tokenize', '--file', folder], folder],
  ['tokenize --tokenizer', ['tokenize', '--tokenizer', folder, 'hi'], folder],
  ['embed similar', ['embed', 'similar', folder, 'cat'], folder],
  ['embed train --corpus', ['embed', 'train', '--corpus', folder, '--out', join(dir, 'v2.txt')], folder],
  ['data stats', ['data', 'stats', folder], folder],
];

const UNWRITABLE: Row[] = [
  [
    'tokenizer train --out',
    ['tokenizer', 'train', '--type', 'char', '--input', text, '--out', blocked('t.json')],
    text,
  ],
  ['data corpus --out', ['data', 'corpus', 'toy', '--out', blocked('c.txt')], text],
  ['data prepare --out', ['data', 'prepare', text, '--out', blocked('p')], text],
  ['train --out', ['train', '--data', text, '--out', blocked('r'), '--max-steps', '1'], text],
  [
    'embed train --out',
    ['embed', 'train', '--corpus', 'toy', '--out', blocked('v.txt'), '--epochs', '1'],
    text,
  ],
];

function run(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('close', (status) => done({ status, stderr }));
  });
}

/** Runs every row, three at a time, and returns the problems found (empty when all is well). */
async function check(rows: Row[]): Promise<string[]> {
  const problems: string[] = [];
  const queue = [...rows];
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const [what, args, names] = row;
      const r = await run(args);
      // Progress lines may come first; the answer is one error line, the last.
      const lines = r.stderr.trim().split('\n');
      const errors = lines.filter((l) => /error/.test(l));
      if (r.status !== 1) problems.push(`${what}: exit ${r.status}: ${r.stderr.trim()}`);
      else if (errors.length !== 1 || !lines[lines.length - 1].startsWith('error: '))
        problems.push(`${what}: not one error line at the end: ${r.stderr.trim()}`);
      else if (!errors[0].includes(names)) problems.push(`${what}: does not name ${names}: ${errors[0]}`);
      else if (/internal error|\n\s+at /.test(r.stderr)) problems.push(`${what}: ${r.stderr.trim()}`);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return problems;
}

describe('every command on a bad path: one line naming it, exit 1', () => {
  it('a missing file or folder', async () => expect(await check(MISSING)).toEqual([]), 120_000);
  it(
    'a folder where a file belongs, or a folder of the wrong kind',
    async () => expect(await check(FOLDER)).toEqual([]),
    120_000,
  );
  it('an output that cannot be written, leaving no temporary file', async () => {
    expect(await check(UNWRITABLE)).toEqual([]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});
