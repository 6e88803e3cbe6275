// Token shards: exact bytes of the format, round trips in memory and on disk, and clear errors.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeShard,
  encodeShard,
  parseShardMeta,
  sidecarPath,
  tokenizerHash,
} from '../../src/data/index.js';
import { encodeTokens } from '../../src/data/shards.js';
import { readShard, ShardWriter, writeShard } from '../../src/node/shards.js';

const info = (vocabSize: number) => ({ vocabSize, tokenizer: { kind: 'char', hash: 'test' } });

describe('shard bytes', () => {
  it('is raw little-endian uint16 while the vocabulary fits, else uint32', () => {
    expect([...encodeTokens([1, 258, 65535], 65536)]).toEqual([1, 0, 2, 1, 255, 255]);
    expect([...encodeTokens([65536, 1], 70000)]).toEqual([0, 0, 1, 0, 1, 0, 0, 0]);
    expect(encodeShard([1], info(65536)).meta.dtype).toBe('uint16');
    expect(encodeShard([1], info(65537)).meta.dtype).toBe('uint32');
  });

  it('round-trips, also from unaligned bytes', () => {
    for (const vocab of [300, 100_000]) {
      const ids = Array.from({ length: 1001 }, (_, i) => (i * 7919) % vocab);
      const { bytes, meta } = encodeShard(ids, info(vocab));
      expect([...decodeShard(bytes, meta)]).toEqual(ids);
      const shifted = new Uint8Array(bytes.length + 1);
      shifted.set(bytes, 1);
      expect([...decodeShard(shifted.subarray(1), meta)]).toEqual(ids);
    }
  });

  it('refuses ids outside the vocabulary and bytes that do not match the sidecar', () => {
    expect(() => encodeTokens([3, 10], 10)).toThrow(/token id 10 at position 1 is outside/);
    expect(() => encodeTokens([-1], 10)).toThrow(/outside the vocabulary/);
    const { bytes, meta } = encodeShard([1, 2, 3], info(10));
    expect(() => decodeShard(bytes.subarray(0, 4), meta, 'x.bin')).toThrow(
      /x\.bin: holds 4 bytes .* 3 uint16/,
    );
  });

  it('refuses, on opening, a shard holding an id outside its vocabulary, naming the file', () => {
    const { bytes, meta } = encodeShard([1, 2, 3], info(10));
    bytes[2] = 200; // the second id becomes 200
    expect(() => decodeShard(bytes, meta, 'train.bin')).toThrow(
      /train\.bin: token id 200 at position 1 is outside the vocabulary of 10 ids/,
    );
  });

  it('checks sidecars field by field', () => {
    const good = encodeShard([1], info(10)).meta;
    expect(parseShardMeta(JSON.parse(JSON.stringify(good)))).toEqual(good);
    expect(() => parseShardMeta({ ...good, dtype: 'float32' }, 'm.json')).toThrow(/m\.json: .*"dtype"/);
    expect(() => parseShardMeta({ ...good, version: 2 })).toThrow(/unsupported version 2/);
    expect(() => parseShardMeta([])).toThrow(/"format"/);
  });

  it('hashes the tokenizer.json text with sha256', () => {
    const json = { model: { type: 'BPE', vocab: { a: 0 } } };
    const expected = createHash('sha256').update(JSON.stringify(json)).digest('hex');
    expect(tokenizerHash({ toJSON: () => json })).toBe(expected);
    expect(sidecarPath('/d/train.bin')).toBe('/d/train.json');
  });
});

describe('shard files', () => {
  it('writes .bin + sidecar atomically and reads them back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gb-shard-'));
    const ids = Array.from({ length: 5000 }, (_, i) => (i * 31) % 1000);
    const meta = await writeShard(join(dir, 'train.bin'), ids, {
      ...info(1000),
      documents: 3,
      split: 'train',
    });
    expect(meta).toMatchObject({ count: 5000, dtype: 'uint16', documents: 3 });
    expect((await readFile(join(dir, 'train.bin'))).length).toBe(10_000);
    const back = await readShard(join(dir, 'train.bin'));
    expect([...back.ids]).toEqual(ids);
    expect(back.meta).toEqual(meta);
    expect((await readdir(dir)).sort()).toEqual(['train.bin', 'train.json']);
  });

  it('streams chunks to the same bytes as one write', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gb-shard-'));
    const ids = Array.from({ length: 3000 }, (_, i) => (i * 13) % 70_000);
    await writeShard(join(dir, 'a.bin'), ids, info(70_000));
    const w = await ShardWriter.create(join(dir, 'b.bin'), info(70_000));
    for (let i = 0; i < ids.length; i += 977) await w.write(ids.slice(i, i + 977));
    await w.close();
    expect(await readFile(join(dir, 'b.bin'))).toEqual(await readFile(join(dir, 'a.bin')));
  });

  it('names the file when a shard is truncated or its sidecar is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gb-shard-'));
    const bin = join(dir, 'val.bin');
    await writeShard(bin, [1, 2, 3, 4], info(10));
    await writeFile(bin, new Uint8Array(5));
    await expect(readShard(bin)).rejects.toThrow(/val\.bin: holds 5 bytes/);
    await expect(readShard(join(dir, 'none.bin'))).rejects.toThrow(/none\.json: no such shard sidecar/);
  });
});
