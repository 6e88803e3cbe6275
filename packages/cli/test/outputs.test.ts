// Nothing that exists is replaced without --force, in every command that writes: a file output
// (tokenizer train, data corpus, embed train/project) or a run folder (train, finetune, demo).
// With --force the output is written afresh. No output goes inside an input folder.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { glassbox } from './run-cli.js';

const TEXT = 'the cat sat on the mat and the dog sat on the log\n';
const TINY = [
  '--preset',
  'tiny',
  '--data',
  'toy',
  '--max-steps',
  '1',
  '--eval-interval',
  '1',
  '--eval-batches',
  '1',
];

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gb-cli-out-'));
  writeFileSync(join(dir, 'a.txt'), TEXT);
  return dir;
}

describe('outputs are never replaced without --force', () => {
  it('file outputs: refused when present, replaced with --force', () => {
    const dir = workdir();
    writeFileSync(join(dir, 'tokenizer.json'), 'precious');
    writeFileSync(join(dir, 'model.safetensors'), 'precious');
    const refused: [string[], string][] = [
      [['tokenizer', 'train', '--input', 'a.txt', '--vocab-size', '260'], 'tokenizer.json'],
      [['data', 'corpus', 'toy', '--out', 'model.safetensors'], 'model.safetensors'],
      [['embed', 'train', '--corpus', 'a.txt', '--out', 'model.safetensors'], 'model.safetensors'],
    ];
    for (const [args, path] of refused) {
      const r = glassbox(args, { cwd: dir });
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr.trim()).toBe(
        `error: ${path}: already exists; choose another path, or add --force to replace it`,
      );
    }
    expect(readFileSync(join(dir, 'tokenizer.json'), 'utf8')).toBe('precious');
    expect(readFileSync(join(dir, 'model.safetensors'), 'utf8')).toBe('precious');
    const forced = glassbox(['tokenizer', 'train', '--input', 'a.txt', '--vocab-size', '260', '--force'], {
      cwd: dir,
    });
    expect(forced.status, forced.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')).model).toBeDefined();
  });

  it('run folders: a folder holding files is refused; --force starts afresh; never inside the base', () => {
    const dir = workdir();
    mkdirSync(join(dir, 'run'));
    writeFileSync(join(dir, 'run', 'notes.txt'), 'precious');
    const refused = glassbox(['train', ...TINY, '--out', 'run'], { cwd: dir });
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim()).toBe(
      'error: run: already holds 1 file; choose an empty folder, or add --force to replace it',
    );
    expect(readdirSync(join(dir, 'run'))).toEqual(['notes.txt']);

    const forced = glassbox(['train', ...TINY, '--out', 'run', '--force'], { cwd: dir });
    expect(forced.status, forced.stderr).toBe(0);
    expect(readdirSync(join(dir, 'run')).sort()).toEqual(['checkpoint', 'metrics.jsonl']);

    const again = glassbox(['train', ...TINY, '--out', 'run'], { cwd: dir });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already holds a training run; continue it with --resume run .*add --force/);

    const nested = glassbox(
      ['finetune', 'run', '--data', 'builtin', '--max-steps', '1', '--out', 'run/checkpoint/ft'],
      {
        cwd: dir,
      },
    );
    expect(nested.status).toBe(1);
    expect(nested.stderr.trim()).toBe(
      'error: run/checkpoint/ft: is inside the input run; choose an output outside it',
    );
    expect(existsSync(join(dir, 'run', 'checkpoint', 'ft'))).toBe(false);
  });
});
