// Checkpoint folders on disk, written atomically. The new files go into a sibling staging folder
// (each fsynced, then a `.complete` marker); only then is the old folder moved aside and the
// staging folder renamed into place. A crash at any point leaves either the old checkpoint or the
// new one, whole — and if it struck between the two renames, the next read finishes the swap.

import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CHECKPOINT_FILES, type CheckpointFiles } from '../checkpoint/checkpoint.js';
import { GlassboxError } from '../util/errors.js';

const COMPLETE = '.complete';

export async function writeCheckpointDir(dir: string, files: CheckpointFiles): Promise<void> {
  const staging = `${dir}.tmp`;
  const old = `${dir}.old`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  for (const [name, bytes] of [...Object.entries(files), [COMPLETE, new Uint8Array()] as const]) {
    const handle = await open(join(staging, name), 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  await rm(old, { recursive: true, force: true });
  if (existsSync(dir)) await rename(dir, old);
  await rename(staging, dir);
  await rm(old, { recursive: true, force: true });
}

/** Finishes a swap interrupted between its two renames; harmless otherwise. */
async function recover(dir: string): Promise<void> {
  const staging = `${dir}.tmp`;
  if (!existsSync(dir) && existsSync(join(staging, COMPLETE))) await rename(staging, dir);
}

/**
 * The checkpoint folder a user means by `path`: the folder itself when it holds config.json, or
 * its `checkpoint/` subfolder (a training run's output folder).
 */
export async function resolveCheckpointDir(path: string): Promise<string> {
  for (const dir of [path, join(path, 'checkpoint')]) {
    await recover(dir);
    if (existsSync(join(dir, CHECKPOINT_FILES.config))) return dir;
  }
  if (!existsSync(path)) throw new GlassboxError('no such checkpoint folder; check the path', path);
  throw new GlassboxError(
    "not a checkpoint: no config.json here or in checkpoint/ (pass a training run's output folder or its checkpoint folder)",
    path,
  );
}

/** Reads every checkpoint file present in the folder (see CHECKPOINT_FILES). */
export async function readCheckpointDir(path: string): Promise<{ dir: string; files: CheckpointFiles }> {
  const dir = await resolveCheckpointDir(path);
  const files: CheckpointFiles = {};
  const present = new Set(await readdir(dir));
  for (const name of Object.values(CHECKPOINT_FILES)) {
    if (!present.has(name)) continue;
    const info = await stat(join(dir, name));
    if (!info.isFile()) throw new GlassboxError(`${name} is not a file`, dir);
    files[name] = new Uint8Array(await readFile(join(dir, name)));
  }
  return { dir, files };
}
