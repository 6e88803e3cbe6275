// File-system trouble while writing outputs is named by the path the user gave and the cause, as a
// GlassboxError, and leaves no temporary file behind (writeFileAtomic, JsonlWriter, checkpoints).

import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isGlassboxError } from '@glassbox/model';
import { JsonlWriter, systemError, writeCheckpointDir, writeFileAtomic } from '@glassbox/model/node';
import { describe, expect, it } from 'vitest';

function fresh(): string {
  return mkdtempSync(join(tmpdir(), 'gb-syserr-'));
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}

describe('system errors on output', () => {
  it('names the path and cause when the target is a folder, and leaves no .tmp file', async () => {
    const dir = fresh();
    await mkdir(join(dir, 'out'));
    const e = await failure(writeFileAtomic(join(dir, 'out'), 'x'));
    expect(isGlassboxError(e)).toBe(true);
    expect(e.message).toBe(`${join(dir, 'out')}: is a folder; give a file path`);
    expect(readdirSync(dir)).toEqual(['out']);
  });

  it('names a missing parent folder and a file where a folder belongs', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'f'), 'x');
    const missing = await failure(writeFileAtomic(join(dir, 'nope', 'a.json'), 'x'));
    expect(missing.message).toMatch(/nope\/a\.json: the folder it goes in does not exist/);
    const notDir = await failure(JsonlWriter.create(join(dir, 'f', 'a.jsonl')));
    expect(isGlassboxError(notDir)).toBe(true);
    expect(notDir.message).toMatch(/f\/a\.jsonl: part of the path is a file, not a folder/);
    const ckpt = await failure(
      writeCheckpointDir(join(dir, 'f', 'ckpt'), { 'a.bin': new Uint8Array(1) } as never),
    );
    expect(isGlassboxError(ckpt)).toBe(true);
    expect(readdirSync(dir)).toEqual(['f']);
  });

  it('words permission denied and a full disk for the user, and passes other errors through', () => {
    const denied = Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' });
    expect((systemError(denied, 'runs/a') as Error).message).toBe('runs/a: permission denied writing here');
    const full = Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
    expect(isGlassboxError(systemError(full, 'x'))).toBe(true);
    const bug = new TypeError('x is undefined');
    expect(systemError(bug, 'x')).toBe(bug);
  });
});
