// Writes a JSONL file atomically and without holding it in memory: lines are buffered (about
// 1 MiB at a time) into a temporary file beside the target, which close() syncs and renames into
// place. abort() removes the temporary file, so a failed run leaves no half-written output.

import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { systemError } from './system-errors.js';

export class JsonlWriter {
  private buffer: string[] = [];
  private buffered = 0;
  lines = 0;

  private constructor(
    readonly path: string,
    private readonly tmp: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(path: string): Promise<JsonlWriter> {
    const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      return new JsonlWriter(path, tmp, await open(tmp, 'w'));
    } catch (e) {
      throw systemError(e, path);
    }
  }

  async write(record: unknown): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    this.buffer.push(line);
    this.buffered += line.length;
    this.lines++;
    if (this.buffered >= 1 << 20) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    await this.handle.sync();
    await this.handle.close();
    try {
      await rename(this.tmp, this.path);
    } catch (e) {
      await rm(this.tmp, { force: true });
      throw systemError(e, this.path);
    }
  }

  async abort(): Promise<void> {
    await this.handle.close().catch(() => {});
    await rm(this.tmp, { force: true });
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const text = this.buffer.join('');
    this.buffer = [];
    this.buffered = 0;
    await this.handle.write(text);
  }
}
