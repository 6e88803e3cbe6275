// Threads beyond the cores are capped with a note; a model too big for WebAssembly is refused by
// its flag before anything is allocated (never a hang).

import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { glassbox } from './run-cli.js';

const TINY = ['train', '--preset', 'tiny', '--data', 'toy', '--max-steps', '1', '--eval-interval', '0'];

describe('threads and model size', () => {
  it('caps --threads at the core count and says so', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gb-cli-size-'));
    const r = glassbox([...TINY, '--threads', '999', '--out', 'run'], { cwd });
    const cores = availableParallelism();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(`note: --threads 999 is more than the ${cores} cores here; using ${cores}`);
    expect(r.stdout).toMatch(`kernels: WebAssembly SIMD on ${cores} thread`);
  });

  it('refuses a model too big for WebAssembly by its flag, at once', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gb-cli-size-'));
    for (const [flag, value] of [
      ['--n-layer', '1000000000'],
      ['--block-size', '1000000000000'],
    ]) {
      const r = glassbox([...TINY, flag, value, '--out', 'run'], { cwd });
      expect(r.status).toBe(1);
      expect(r.stderr.trim()).toMatch(new RegExp(`^error: ${flag}: \\w+ ${value} makes a model of `));
    }
  });
});
