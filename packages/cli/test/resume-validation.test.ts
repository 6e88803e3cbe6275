// A resume whose trainer.json is bad fails before anything is touched: metrics.jsonl is unchanged.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { glassbox } from './run-cli.js';

describe('resume with a bad trainer.json', () => {
  it('refuses with one line and leaves metrics.jsonl as it was', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gb-cli-resume-'));
    const train = ['train', '--preset', 'tiny', '--data', 'toy', '--max-steps', '3', '--eval-interval', '1'];
    expect(glassbox([...train, '--eval-batches', '1', '--out', 'run'], { cwd }).status).toBe(0);
    const metrics = readFileSync(join(cwd, 'run', 'metrics.jsonl'), 'utf8');
    const file = join(cwd, 'run', 'checkpoint', 'trainer.json');
    const state = JSON.parse(readFileSync(file, 'utf8'));
    for (const bad of [{ samplerState: 'x' }, { step: 0 }]) {
      writeFileSync(file, JSON.stringify({ ...state, ...bad }));
      const r = glassbox(['train', '--resume', 'run', '--max-steps', '5'], { cwd });
      expect(r.status).toBe(1);
      expect(r.stderr.trim()).toMatch(/^error: run\/checkpoint\/trainer\.json: "(samplerState|history)" /);
      expect(readFileSync(join(cwd, 'run', 'metrics.jsonl'), 'utf8')).toBe(metrics);
    }
  });
});
