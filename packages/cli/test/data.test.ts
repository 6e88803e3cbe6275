// `glassbox data …` as a user runs it: built-in corpora written to files, bad names refused.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { glassbox } from './run-cli.js';

describe('glassbox data corpus', () => {
  it('writes Brown as plain text and as JSONL', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gb-cli-data-'));
    const txt = glassbox(['data', 'corpus', 'brown', '--out', join(dir, 'brown.txt')]);
    expect(txt.status).toBe(0);
    expect(txt.stdout).toMatch(/wrote 500 documents/);
    const text = await readFile(join(dir, 'brown.txt'), 'utf8');
    expect(text.startsWith('The Fulton County Grand Jury said Friday')).toBe(true);
    const jsonl = glassbox(['data', 'corpus', 'brown', '--out', join(dir, 'sub', 'brown.jsonl')]);
    expect(jsonl.status).toBe(0);
    const lines = (await readFile(join(dir, 'sub', 'brown.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(500);
    expect(JSON.parse(lines[499])).toMatchObject({ id: 'cr09', category: 'humor' });
  });

  it('refuses an unknown corpus with one clear line', () => {
    const r = glassbox(['data', 'corpus', 'wiki', '--out', join(tmpdir(), 'x.txt')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: unknown corpus "wiki"; choose from brown/);
  });
});
