// Ordinary system trouble is the user's to fix, never "internal error": a reader that closes the
// pipe early (`| head`), an output path that is a folder or a file where a folder is expected, a
// missing parent folder, permission denied. One line naming the path and the cause, exit 1, and
// no temporary files left behind.

import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

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
});
