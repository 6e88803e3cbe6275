// What `data prepare` promises about its output folder and its report (issue 13): the output is
// written afresh or not at all — a folder holding files is refused unless replacing is asked for,
// and then nothing of the old run is left; a run that fails (a tokenizer spec that cannot work, no
// document kept) leaves no partial folder; a gzip file that breaks off is reported with exactly
// what was read from it; a byte-order mark at the start of a JSONL file is no problem.

import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConversations } from '../../src/finetune/index.js';
import { loadBrownCorpus } from '../../src/node/brown.js';
import { prepareData } from '../../src/node/data-prepare.js';

let dir: string;
let texts: string[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gb-out-'));
  texts = (await loadBrownCorpus()).slice(0, 40).map((d) => d.text);
  await writeFile(
    join(dir, 'docs.jsonl'),
    texts
      .slice(0, 8)
      .map((text) => JSON.stringify({ text }))
      .join('\n'),
  );
});
const fast = { language: false, minhash: false } as const;

describe('data prepare output', () => {
  it('refuses a folder that holds files, and with force replaces it whole', async () => {
    const out = join(dir, 'refuse');
    await mkdir(out);
    await writeFile(join(out, 'train.bin'), 'old shards');
    await expect(prepareData([join(dir, 'docs.jsonl')], { out, ...fast })).rejects.toThrow(
      /already holds 1 file/,
    );
    expect(await readFile(join(out, 'train.bin'), 'utf8')).toBe('old shards');
    await prepareData([join(dir, 'docs.jsonl')], { out, force: true, ...fast });
    expect((await readdir(out)).sort()).toEqual(['clean.jsonl', 'removed.jsonl', 'stats.json']);
    expect((await readdir(dir)).filter((f) => f.startsWith('.'))).toEqual([]); // no staging left
  });

  it('leaves no output folder when the tokenizer spec cannot work', async () => {
    const out = join(dir, 'bad-spec');
    await expect(
      prepareData([join(dir, 'docs.jsonl')], { out, tokenizer: 'bpe:10', ...fast }),
    ).rejects.toThrow(/bpe:10/);
    expect(existsSync(out)).toBe(false);
    await expect(
      prepareData([join(dir, 'docs.jsonl')], { out, tokenizer: 'nonsense.json', ...fast }),
    ).rejects.toThrow(/nonsense\.json/);
    expect(existsSync(out)).toBe(false);
    expect((await readdir(dir)).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('fails when no document is kept, saying why, and writes nothing', async () => {
    await writeFile(join(dir, 'short.txt'), 'Too short to keep.');
    const out = join(dir, 'none');
    await expect(prepareData([join(dir, 'short.txt')], { out, ...fast })).rejects.toThrow(
      /nothing kept: the one document read was removed \(\w+ 1\); nothing was written/,
    );
    expect(existsSync(out)).toBe(false);
    await writeFile(join(dir, 'empty.txt'), '');
    await expect(prepareData([join(dir, 'empty.txt')], { out, ...fast })).rejects.toThrow(
      /no document could be read \(1 problem in the input: empty_file 1\)/,
    );
  });

  it('reports a gzip file that breaks off with exactly what was read before it', async () => {
    const jsonl = texts.map((text) => JSON.stringify({ text })).join('\n');
    const gz = gzipSync(jsonl);
    await writeFile(join(dir, 'cut.jsonl.gz'), gz.subarray(0, Math.floor(gz.length * 0.6)));
    const out = join(dir, 'cut');
    const stats = await prepareData([join(dir, 'cut.jsonl.gz')], { out, ...fast });
    const read = stats.stages[0].docsOut;
    expect(read).toBeGreaterThan(5);
    expect(read).toBeLessThan(texts.length);
    expect(stats.issues.first).toEqual([
      expect.objectContaining({
        reason: 'bad_gzip',
        offset: expect.any(Number),
        message: expect.stringContaining(
          `the ${read} documents before it were read, the rest of the file is lost`,
        ),
      }),
    ]);
    const clean = (await readFile(join(out, 'clean.jsonl'), 'utf8')).trim().split('\n');
    expect(clean.length).toBe(stats.output.documents);
  });

  it('accepts a UTF-8 byte-order mark at the start of a JSONL file', async () => {
    const bom = '\ufeff';
    await writeFile(join(dir, 'bom.jsonl'), `${bom}${JSON.stringify({ text: texts[0] })}`);
    const stats = await prepareData([join(dir, 'bom.jsonl')], { out: join(dir, 'bom'), ...fast });
    expect(stats.issues.count).toBe(0);
    expect(stats.output.documents).toBe(1);
    const line = JSON.stringify({ prompt: 'Say hi.', response: 'Hi.' });
    expect(parseConversations(`${bom}${line}\n${line}\n`, 'chat.jsonl')).toHaveLength(2);
  });
});
