// `glassbox data …` as a user runs it: built-in corpora written to files, `prepare` on noisy input
// with its summary of removals and its warnings for bad input, `stats` on the result.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noisyCorpus } from '@glassbox/model/data';
import { loadBrownCorpus } from '@glassbox/model/node';
import { beforeAll, describe, expect, it } from 'vitest';
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

  it('writes the seeded toy corpus', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gb-cli-data-'));
    const args = (seed: string, name: string) => [
      'data',
      'corpus',
      'toy',
      '--seed',
      seed,
      '--sentences',
      '50',
      '--out',
      join(dir, name),
    ];
    expect(glassbox(args('4', 'a.txt')).stdout).toMatch(/wrote 50 lines/);
    glassbox(args('4', 'b.txt'));
    glassbox(args('5', 'c.txt'));
    const [a, b, c] = await Promise.all(
      ['a.txt', 'b.txt', 'c.txt'].map((f) => readFile(join(dir, f), 'utf8')),
    );
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(a.split('\n')[0]).toMatch(/^[a-z ]+$/);
  });

  it('refuses an unknown corpus with one clear line', () => {
    const r = glassbox(['data', 'corpus', 'wiki', '--out', join(tmpdir(), 'x.txt')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: unknown corpus "wiki"; choose from brown, toy/);
  });
});

describe('glassbox data prepare and stats', () => {
  let input: string;
  beforeAll(async () => {
    input = await mkdtemp(join(tmpdir(), 'gb-cli-prep-'));
    for (const f of noisyCorpus((await loadBrownCorpus()).slice(0, 40), { seed: 2 }))
      await writeFile(join(input, f.name), f.text);
    await mkdir(join(input, 'bad'));
    await writeFile(join(input, 'bad', 'broken.jsonl'), '{"text": "fine, but too short"}\n{"text": oops}\n');
    await writeFile(join(input, 'bad', 'empty.txt'), '');
  });

  it('prints what each stage removed and why, warns about bad input, writes shards', async () => {
    const out = await mkdtemp(join(tmpdir(), 'gb-cli-out-'));
    const r = glassbox(['data', 'prepare', input, '--out', out, '--tokenizer', 'char', '--seed', '3']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/warning: .*bad\/broken\.jsonl:2: not valid JSON/);
    expect(r.stderr).toMatch(/warning: .*bad\/empty\.txt: is empty/);
    expect(r.stdout).toMatch(/^stage\s+docs in\s+docs out\s+removed\s+MB in\s+MB out\s+MB\/s$/m);
    expect(r.stdout).toMatch(/^input [\d.]+ MB in \d+ files: [\d.]+ MB\/s end to end, peak memory \d+ MiB$/m);
    expect(r.stdout).toMatch(/^exact_dedup\s+exact_duplicate\s+\d+\s+\S+ ≈ \S+\s+identical/m);
    expect(r.stdout).toMatch(/^minhash_dedup\s+near_duplicate\s+\d+/m);
    expect(r.stdout).toMatch(/^gopher_repetition\s+top_2_gram\s+\d+/m);
    expect(r.stdout).toMatch(/shards: train\.bin [\d,]+ tokens/);
    const stats = JSON.parse(await readFile(join(out, 'stats.json'), 'utf8'));
    expect(stats.output.train.tokens).toBeGreaterThan(10_000);

    const s = glassbox(['data', 'stats', out]);
    expect(s.status).toBe(0);
    const table = (text: string) => text.slice(text.indexOf('stage'), text.indexOf('shards:'));
    expect(table(s.stdout)).toBe(table(r.stdout));
    expect(s.stdout).toMatch(/problems in the input \(2\)/);

    // The folder now holds files: a second run refuses it, naming the flag that replaces it.
    const again = glassbox(['data', 'prepare', input, '--out', out]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(
      /^error: .*: already holds 8 files; choose an empty folder, or add --force to replace it$/m,
    );
  });

  it('fails clearly on a missing input or a folder without stats', async () => {
    const r = glassbox(['data', 'prepare', join(input, 'nope.txt'), '--out', join(tmpdir(), 'gb-x')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: .*nope\.txt: no such file or folder; check the path/);
    const s = glassbox(['data', 'stats', input]);
    expect(s.status).toBe(1);
    expect(s.stderr).toMatch(/^error: .*stats\.json: no such stats file/);
  });
});
