// How a GlassboxError's field becomes a flag: only a flag the running command has; otherwise the
// message stands alone (a command must never point at a flag it does not take).

import { GlassboxError } from '@glassbox/model';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { action } from '../src/ui/run.js';

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function printed(cmd: Command, e: GlassboxError): Promise<string> {
  const lines: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((s: string) => lines.push(s));
  const run = action((_c: Command) => {
    throw e;
  });
  await run(cmd);
  return lines.join('\n');
}

describe('reportError', () => {
  it('names the flag when the command has it, and only then', async () => {
    const e = new GlassboxError('vocabulary size 10 is below 257', { field: 'vocabSize' });
    const withFlag = new Command('tokenizer').option('--vocab-size <n>');
    const without = new Command('prepare').option('--tokenizer <spec>');
    expect(await printed(withFlag, e)).toMatch(/error:.* --vocab-size: vocabulary size 10/);
    const line = await printed(without, e);
    expect(line).toMatch(/error:.* vocabulary size 10 is below 257/);
    expect(line).not.toMatch(/--vocab-size/);
    expect(process.exitCode).toBe(1);
  });

  it('writes control characters from input as escapes, so the terminal never runs them', async () => {
    const e = new GlassboxError('no such file; check the path', '\u001b]0;pwned\u0007\u001b[2Jname\r.txt');
    const line = await printed(new Command('x'), e);
    expect(line).toContain('\\u001b]0;pwned\\u0007\\u001b[2Jname\\u000d.txt: no such file');
    for (const c of ['\u0007', '\u001b', '\r']) expect(line).not.toContain(c);
  });
});
