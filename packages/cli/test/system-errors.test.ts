// Ordinary system trouble is the user's to fix, never "internal error": a reader that closes the
// pipe early (`| head`), an output path that is a folder or a file where a folder is expected, a
// missing parent folder, permission denied. One line naming the path and the cause, exit 1, and
// no temporary files left behind.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { glassbox } from './run-cli.js';

const MAIN = new URL('../dist/main.js', import.meta.url).pathname;

describe('system errors', () => {
  it('ends quietly when the reader closes the pipe early (| head)', () => {
    const ids = Array.from({ length: 300_000 }, () => '31373').join(' ');
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${MAIN}" detokenize | head -c 5`], {
      input: ids,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.stdout).toBe('hello');
    expect(r.stderr).toBe('');
  });

  it('answers an output that is a folder, a missing parent, or a file in the path with one line, exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gb-cli-syserr-'));
    writeFileSync(join(dir, 'a.txt'), 'the cat sat on the mat and the dog sat on the log\n');
    mkdirSync(join(dir, 'folder'));
    const train = ['tokenizer', 'train', '--input', 'a.txt', '--vocab-size', '260', '--out'];
    const cases: [string[], RegExp][] = [
      [[...train, 'folder'], /^error: folder: is a folder; give a file path$/],
      [
        [...train, 'nope/t.json'],
        /^error: nope\/t\.json: the folder it goes in does not exist; create it first$/,
      ],
      [[...train, 'a.txt/t.json'], /^error: a\.txt\/t\.json: part of the path is a file, not a folder$/],
      [
        ['train', '--preset', 'tiny', '--data', 'toy', '--max-steps', '1', '--out', 'a.txt'],
        /^error: a\.txt: exists and is a file, not a folder$/,
      ],
      [
        ['data', 'prepare', 'a.txt', '--out', 'a.txt/prepared'],
        /^error: a\.txt\/prepared: part of the path is a file, not a folder$/,
      ],
      [
        ['data', 'corpus', 'toy', '--out', 'a.txt/deeper/toy.txt'],
        /^error: a\.txt\/deeper\/toy\.txt: part of the path is a file, not a folder$/,
      ],
    ];
    for (const [args, line] of cases) {
      const r = glassbox(args, { cwd: dir });
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr.trim()).toMatch(line);
    }
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'folder']);
    expect(readdirSync(join(dir, 'folder'))).toEqual([]);
  });
});
