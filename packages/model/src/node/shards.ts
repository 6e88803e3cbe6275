// Token shards on disk (format: data/shards.ts). Writes are atomic: the .bin goes to a temporary
// file that is renamed into place, then the sidecar is written the same way, so a reader that
// finds a sidecar finds the complete .bin it describes. ShardWriter streams ids in chunks, for
// corpora whose tokens do not fit in memory; readShard loads a whole shard.

import { randomBytes } from 'node:crypto';
import { type FileHandle, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  bytesPerToken,
  decodeShard,
  encodeTokens,
  parseShardMeta,
  type ShardInfo,
  type ShardMeta,
  shardMeta,
  sidecarPath,
} from '../data/shards.js';
import { GlassboxError } from '../util/errors.js';
import { readTextFile, writeFileAtomic } from './files.js';
import { systemError } from './system-errors.js';

/** Writes `path` (.bin) and its sidecar in one go. */
export async function writeShard(path: string, ids: ArrayLike<number>, info: ShardInfo): Promise<ShardMeta> {
  const writer = await ShardWriter.create(path, info);
  await writer.write(ids);
  return writer.close();
}

/** Reads a shard and its sidecar; the sidecar must match the .bin's size. */
export async function readShard(path: string): Promise<{ ids: Uint16Array | Uint32Array; meta: ShardMeta }> {
  const metaPath = sidecarPath(path);
  let json: unknown;
  try {
    json = JSON.parse(await readTextFile(metaPath, 'shard sidecar'));
  } catch (e) {
    if (e instanceof SyntaxError)
      throw new GlassboxError(`sidecar is not valid JSON (${e.message})`, metaPath);
    throw e;
  }
  const meta = parseShardMeta(json, metaPath);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new GlassboxError('token shard missing beside its sidecar', path);
    throw e;
  }
  return { ids: decodeShard(bytes, meta, path), meta };
}

/** Size of a shard in tokens, from the file size alone (no read). */
export async function shardTokenCount(path: string, meta: ShardMeta): Promise<number> {
  return (await stat(path)).size / bytesPerToken(meta.dtype);
}

/** Appends ids chunk by chunk to a temporary file; close() renames it into place and writes the sidecar. */
export class ShardWriter {
  private count = 0;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly info: ShardInfo,
    private readonly tmp: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(path: string, info: ShardInfo): Promise<ShardWriter> {
    const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      return new ShardWriter(path, info, tmp, await open(tmp, 'w'));
    } catch (e) {
      throw systemError(e, path);
    }
  }

  get tokens(): number {
    return this.count;
  }

  async write(ids: ArrayLike<number>): Promise<void> {
    if (this.closed) throw new Error('ShardWriter.write after close');
    if (ids.length === 0) return;
    await this.handle.write(encodeTokens(ids, this.info.vocabSize));
    this.count += ids.length;
  }

  /** Finishes the shard; `extra` fields (e.g. the document count) go into the sidecar. */
  async close(extra: Partial<ShardInfo> = {}): Promise<ShardMeta> {
    this.closed = true;
    try {
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
    try {
      await rename(this.tmp, this.path);
    } catch (e) {
      await rm(this.tmp, { force: true });
      throw systemError(e, this.path);
    }
    const meta = shardMeta(this.count, { ...this.info, ...extra });
    await writeFileAtomic(sidecarPath(this.path), `${JSON.stringify(meta, null, 2)}\n`);
    return meta;
  }

  /** Drops the temporary file (after an error). */
  async abort(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close().catch(() => {});
    await rm(this.tmp, { force: true });
  }
}
