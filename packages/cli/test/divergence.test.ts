// A training run that diverges (--lr 1e308) ends with one line naming --lr and a non-zero exit,
// and saves no checkpoint of NaN weights.

import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { glassbox } from './run-cli.js';

describe('train that diverges', () => {
  it('stops with a clear message, exit 1, and no NaN checkpoint', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gb-cli-div-'));
    const r = glassbox(
      ['train', '--preset', 'tiny', '--data', 'toy', '--max-steps', '5', '--eval-interval', '0'].concat([
        '--lr',
        '1e308',
        '--min-lr',
        '1e308',
        '--out',
        'run',
      ]),
      { cwd: dir },
    );
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^error: --lr: training diverged at step \d+: /);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(existsSync(join(dir, 'run', 'checkpoint'))).toBe(false);
  });
});
