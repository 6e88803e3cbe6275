// prepareData end to end on disk: outputs and their agreement with each other, determinism (same
// seed, same bytes), and bad input — binary, invalid UTF-8, broken JSONL, empty — reported with
// file and line while the rest is processed.
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Curator, type DataStats, noisyCorpus, STAGES } from '../../src/data/index.js';
import { loadBrownCorpus } from '../../src/node/brown.js';
import { prepareData } from '../../src/node/data-prepare.js';
import { readShard } from '../../src/node/shards.js';
import { tokenizerFromJSON } from '../../src/tokenizer/index.js';

let input: string;
beforeAll(async () => {
  input = await mkdtemp(join(tmpdir(), 'gb-prepare-in-'));
  const docs = (await loadBrownCorpus()).slice(0, 16);
  for (const f of noisyCorpus(docs, { seed: 3 })) await writeFile(join(input, f.name), f.text);
});

const run = async (seed: number) => {
  const out = await mkdtemp(join(tmpdir(), 'gb-prepare-out-'));
  const stats = await prepareData([input], { out, tokenizer: 'char', seed, valFraction: 0.2 });
  return { out, stats };
};
const FILES = [
  'clean.jsonl',
  'removed.jsonl',
  'tokenizer.json',
  'train.bin',
  'train.json',
  'val.bin',
  'val.json',
];
const lines = async (path: string) =>
  (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('prepareData', () => {
  it('writes outputs that agree with each other and with stats.json', async () => {
    const { out, stats } = await run(1);
    const clean = await lines(join(out, 'clean.jsonl'));
    const removed = await lines(join(out, 'removed.jsonl'));
    expect(clean.length).toBe(stats.output.documents);
    for (const r of removed)
      expect(r).toMatchObject({
        stage: expect.any(String),
        reason: expect.any(String),
        value: expect.any(Number),
      });
    // Each stage hands on what the next receives; what it removed is what it lost.
    const stages = stats.stages;
    expect(stages.map((s) => s.stage)).toEqual(STAGES);
    for (let i = 1; i < stages.length; i++) expect(stages[i].docsIn).toBe(stages[i - 1].docsOut);
    for (const s of stages.slice(1))
      expect(s.docsIn - s.docsOut).toBe(Object.values(s.removed).reduce((a, b) => a + b, 0));
    expect(removed.length).toBe(stages[1].docsIn - stages.at(-1)!.docsOut);
    expect(stats.dedup.exactDuplicates).toBeGreaterThan(0);
    expect(stats.dedup.nearDuplicates).toBeGreaterThan(0);
    // The shards decode to the clean documents, each closed by <|endoftext|>, split 80 / 20.
    const tok = tokenizerFromJSON(JSON.parse(await readFile(join(out, 'tokenizer.json'), 'utf8')));
    const train = await readShard(join(out, 'train.bin'));
    const val = await readShard(join(out, 'val.bin'));
    const texts = [
      ...tok.decode(train.ids).split('<|endoftext|>'),
      ...tok.decode(val.ids).split('<|endoftext|>'),
    ];
    expect(texts.filter((t) => t !== '').sort()).toEqual(clean.map((d) => d.text).sort());
    expect(val.meta.documents).toBe(Math.round(clean.length * 0.2));
    expect(train.meta).toMatchObject({
      split: 'train',
      documents: clean.length - (val.meta.documents ?? 0),
      seed: 1,
    });
    expect(train.meta.tokenizer.hash).toBe(stats.output.tokenizer?.hash);
  });

  it('is deterministic: same seed, same bytes; another seed, another split', async () => {
    const a = await run(5);
    const b = await run(5);
    const c = await run(6);
    for (const f of FILES) expect(await readFile(join(b.out, f)), f).toEqual(await readFile(join(a.out, f)));
    const untimed = (s: DataStats) => ({
      ...s,
      seconds: 0,
      peakMemory: 0,
      stages: s.stages.map((st) => ({ ...st, seconds: 0 })),
    });
    expect(untimed(b.stats)).toEqual(untimed(a.stats));
    expect(await readFile(join(c.out, 'val.bin'))).not.toEqual(await readFile(join(a.out, 'val.bin')));
  });

  it('reports bad input with file and line and processes the rest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gb-bad-'));
    const [d1, d2, d3] = (await loadBrownCorpus()).slice(10, 13);
    await writeFile(join(dir, 'a-binary.txt'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3]));
    const bad = Buffer.concat([
      Buffer.from('The first line here.\n'),
      Buffer.from([0x61, 0xff, 0xfe, 0x0a]),
      Buffer.from(d1.text),
    ]);
    await writeFile(join(dir, 'b-invalid.txt'), bad);
    const jsonl = [JSON.stringify({ text: d2.text }), '{"text": "broken', JSON.stringify({ text: d3.text })];
    await writeFile(join(dir, 'c-broken.jsonl'), jsonl.join('\n'));
    await writeFile(join(dir, 'd-empty.txt'), '');
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'sub', 'e-no-text.jsonl'), '{"body": "x"}\n');
    const out = await mkdtemp(join(tmpdir(), 'gb-bad-out-'));
    const stats = await prepareData([dir], { out });
    const where = stats.issues.first.map((i) => [i.source.slice(dir.length + 1), i.line, i.reason]);
    expect(where).toEqual([
      ['a-binary.txt', undefined, 'binary_file'],
      ['b-invalid.txt', 2, 'invalid_utf8'],
      ['c-broken.jsonl', 2, 'bad_json'],
      ['d-empty.txt', undefined, 'empty_file'],
      ['sub/e-no-text.jsonl', 1, 'missing_text'],
    ]);
    expect(stats.issues.first[2].message).toMatch(/not valid JSON/);
    const clean = (await lines(join(out, 'clean.jsonl'))).map((d) => d.text);
    expect(clean).toHaveLength(3);
    expect(clean[0].startsWith('The first line here.\n')).toBe(true);
    // The JSONL's good lines come out exactly as they would alone.
    const alone = new Curator(['x'], { exactDedup: false, minhash: false });
    const expected = [d2, d3].map((d) => alone.push({ id: d.id, text: d.text, source: 'x' }));
    expect(clean.slice(1)).toEqual(expected.map((r) => (r.kind === 'kept' ? r.doc.text : r.kind)));
  });
});
