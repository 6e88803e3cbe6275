// The one rule for every output path, checked before any work starts: nothing that exists is
// replaced unless the caller says `force`. A file output may be new, or (with force) an existing
// file — never a folder. A folder output may be new or empty, or (with force) a folder that holds
// files — never a file, never a folder that holds an input. No output goes inside an input folder. The refusal carries field 'force', so
// a front end can name its own switch. This only checks; writing afresh is the writer's job
// (atomic renames, see files.ts, checkpoint-dir.ts, data-prepare.ts).

import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { GlassboxError } from '../util/errors.js';

export interface OutputCheck {
  /** Replace what is there. */
  force?: boolean;
  /** 'file' (default) or 'folder'. */
  kind?: 'file' | 'folder';
  /** Input paths the output must not hold or be. */
  inputs?: readonly string[];
  /** A folder output whose parent folder is missing is made (by the writer) rather than refused. */
  parents?: boolean;
  /** Entries a folder may hold and still be replaced without force (a previous run of the same kind). */
  replaceable?: readonly string[];
}

export async function checkOutput(path: string, opts: OutputCheck = {}): Promise<void> {
  const target = resolve(path);
  const force = opts.force ?? false;
  for (const input of opts.inputs ?? []) {
    const i = resolve(input);
    if (i === target || (opts.kind === 'folder' && i.startsWith(`${target}/`)))
      throw new GlassboxError(
        opts.kind === 'folder'
          ? 'the output folder holds an input file; choose another output folder'
          : 'is also an input; choose another output path',
        path,
      );
    if (target.startsWith(`${i}/`) && (await stat(i).catch(() => undefined))?.isDirectory())
      throw new GlassboxError(`is inside the input ${input}; choose an output outside it`, path);
  }
  if (!existsSync(target)) {
    // The nearest folder above that exists must be a folder, not a file.
    let above = dirname(target);
    while (!existsSync(above) && dirname(above) !== above) above = dirname(above);
    if (!(await stat(above)).isDirectory())
      throw new GlassboxError('part of the path is a file, not a folder', path);
    if (opts.kind === 'folder' && !opts.parents && !existsSync(dirname(target)))
      throw new GlassboxError('the folder it goes in does not exist; create it first', path);
    return;
  }
  const info = await stat(target);
  if (opts.kind === 'folder') {
    if (!info.isDirectory()) throw new GlassboxError('exists and is a file, not a folder', path);
    const entries = (await readdir(target)).filter((e) => !opts.replaceable?.includes(e));
    if (entries.length > 0 && !force)
      throw new GlassboxError(
        `already holds ${entries.length} file${entries.length === 1 ? '' : 's'}; choose an empty folder`,
        { where: path, field: 'force' },
      );
    return;
  }
  if (info.isDirectory()) throw new GlassboxError('is a folder; give a file path', path);
  if (!force) throw new GlassboxError('already exists; choose another path', { where: path, field: 'force' });
}
