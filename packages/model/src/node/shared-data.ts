// Finds the benchmark texts that live beside the repository in ../shared/data (tinyshakespeare):
// used by tests and benchmarks, never shipped to users. Looked up, in order, in
// $GLASSBOX_SHARED_DATA, in shared/data beside any folder above the working directory or above
// this package, and in /work/shared/data.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GlassboxError } from '../util/errors.js';

function ancestors(start: string): string[] {
  const out: string[] = [];
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    out.push(dir);
    if (dirname(dir) === dir) return out;
  }
}

/** The path of a shared data file, or undefined when it is nowhere to be found. */
export function findSharedData(name: string): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    ...(process.env.GLASSBOX_SHARED_DATA ? [join(process.env.GLASSBOX_SHARED_DATA, name)] : []),
    ...[...ancestors(process.cwd()), ...ancestors(here)].map((dir) => join(dir, 'shared', 'data', name)),
    join('/work/shared/data', name),
  ];
  return candidates.find((p) => existsSync(p));
}

/** Like findSharedData, but says what to do when the file is missing. */
export function sharedDataPath(name: string): string {
  const path = findSharedData(name);
  if (!path) {
    throw new GlassboxError(
      `cannot find ${name}: put it in shared/data beside the repository or set GLASSBOX_SHARED_DATA to its folder`,
    );
  }
  return path;
}
