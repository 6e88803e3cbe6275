// Checkpoint folders on disk, written atomically. The new files go into a sibling staging folder
// (each fsynced, then a `.complete` marker); only then is the old folder moved aside and the
// staging folder renamed into place. A crash at any point leaves either the old checkpoint or the
// new one, whole — and if it struck between the two renames, the next read finishes the swap.
// Opening a folder for loading reads its small files whole and leaves the weights on disk as a
// FileSource, so they stream into the model (see loadCheckpoint).

import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelFolder } from '../checkpoint/byte-source.js';
import { CHECKPOINT_FILES, type CheckpointFiles } from '../checkpoint/checkpoint.js';
import { HUB_FILES } from '../checkpoint/hub.js';
import { GlassboxError } from '../util/errors.js';
import { type FileSource, openFileSource } from './file-source.js';
import { systemError } from './system-errors.js';
import { TEXT_READ_LIMIT } from './text-input.js';

const COMPLETE = '.complete';

export async function writeCheckpointDir(dir: string, files: CheckpointFiles): Promise<void> {
  const staging = `${dir}.tmp`;
  const old = `${dir}.old`;
  try {
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
  } catch (e) {
    // Nothing was swapped yet: the old checkpoint stands; drop the partial staging folder.
    await rm(staging, { recursive: true, force: true }).catch(() => {});
    throw systemError(e, dir);
  }
  try {
    await rm(old, { recursive: true, force: true });
    if (existsSync(dir)) await rename(dir, old);
    await rename(staging, dir);
    await rm(old, { recursive: true, force: true });
  } catch (e) {
    throw systemError(e, dir);
  }
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
    "not a checkpoint: no config.json here or in checkpoint/ (pass a model folder, a training run's output folder or its checkpoint folder)",
    path,
  );
}

/** Files other than the tensors (config, tokenizer, trainer state) are read whole: none is near this in a real checkpoint. */
const WHOLE_FILE_LIMIT = TEXT_READ_LIMIT;

function tooLargeToReadWhole(name: string, size: number, dir: string): GlassboxError {
  return new GlassboxError(
    `${name} is ${Math.round(size / 2 ** 20)} MiB, over the ${WHOLE_FILE_LIMIT / 2 ** 20} MiB a checkpoint's ${name} may be (only the .safetensors files may be larger)`,
    dir,
  );
}

/** Files read whole when present (all small, or needed whole); the weights stream instead. */
const WHOLE = [...new Set<string>([...Object.values(CHECKPOINT_FILES), ...Object.values(HUB_FILES)])].filter(
  (n) => n !== CHECKPOINT_FILES.model,
);
/** Weight files a folder may hold instead of model.safetensors: their presence is reported, never read. */
const NOTED = ['pytorch_model.bin', 'model.safetensors.index.json', 'tf_model.h5', 'flax_model.msgpack'];

/** Reads every checkpoint file present in the folder whole (see CHECKPOINT_FILES). */
export async function readCheckpointDir(path: string): Promise<{ dir: string; files: CheckpointFiles }> {
  const dir = await resolveCheckpointDir(path);
  const files: CheckpointFiles = {};
  const present = new Set(await readdir(dir));
  for (const name of Object.values(CHECKPOINT_FILES)) {
    if (!present.has(name)) continue;
    const info = await stat(join(dir, name));
    if (!info.isFile()) throw new GlassboxError(`${name} is not a file`, dir);
    if (info.size > WHOLE_FILE_LIMIT && !name.endsWith('.safetensors'))
      throw tooLargeToReadWhole(name, info.size, dir);
    files[name] = new Uint8Array(await readFile(join(dir, name)));
  }
  return { dir, files };
}

export interface OpenedCheckpointDir extends AsyncDisposable {
  dir: string;
  /** Small files as bytes; model.safetensors as a FileSource (streamed by loadCheckpoint). */
  files: ModelFolder;
  /** Closes the weights file. */
  close(): Promise<void>;
}

/**
 * Opens a checkpoint or Hub model folder for loading without reading the weights into memory.
 * Close it once loadCheckpoint (or vectorsFromCheckpoint) is done.
 */
export async function openCheckpointDir(path: string): Promise<OpenedCheckpointDir> {
  const dir = await resolveCheckpointDir(path);
  const present = new Set(await readdir(dir));
  const files: ModelFolder = {};
  for (const name of WHOLE) {
    if (!present.has(name)) continue;
    const info = await stat(join(dir, name));
    if (!info.isFile()) throw new GlassboxError(`${name} is not a file`, dir);
    if (info.size > WHOLE_FILE_LIMIT && !name.endsWith('.safetensors'))
      throw tooLargeToReadWhole(name, info.size, dir);
    files[name] = new Uint8Array(await readFile(join(dir, name)));
  }
  // Other weight formats are only noted (loadCheckpoint says why they are refused).
  for (const name of NOTED) if (present.has(name)) files[name] = new Uint8Array(0);
  let weights: FileSource | undefined;
  if (present.has(CHECKPOINT_FILES.model)) {
    weights = await openFileSource(join(dir, CHECKPOINT_FILES.model));
    files[CHECKPOINT_FILES.model] = weights;
  }
  const close = async () => {
    await weights?.close();
  };
  return { dir, files, close, [Symbol.asyncDispose]: close };
}
