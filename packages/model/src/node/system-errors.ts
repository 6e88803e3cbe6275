// Ordinary trouble from the file system (a missing folder, a folder where a file belongs, a file
// where a folder belongs, permission denied, a full disk) is the user's to fix, not a bug: it
// becomes a GlassboxError naming the path the user gave and the cause in plain words. Errors that
// are not from the file system, or have a code not listed here, are returned as they came.

import { GlassboxError } from '../util/errors.js';

/** Plain-words cause for each errno code, as seen when writing (`write`) or reading (`read`). */
const CAUSES: Record<string, { write: string; read: string }> = {
  ENOENT: {
    write: 'the folder it goes in does not exist; create it first',
    read: 'no such file or folder; check the path',
  },
  EISDIR: {
    write: 'is a folder; give a file path',
    read: 'is a folder; give a file path',
  },
  ENOTDIR: {
    write: 'part of the path is a file, not a folder',
    read: 'part of the path is a file, not a folder',
  },
  EEXIST: { write: 'already exists, and is not a folder', read: 'already exists' },
  ENOTEMPTY: { write: 'a folder that is not empty is in the way', read: 'folder is not empty' },
  EACCES: { write: 'permission denied writing here', read: 'permission denied reading this' },
  EPERM: { write: 'operation not permitted here', read: 'operation not permitted' },
  EROFS: { write: 'the file system is read-only', read: 'the file system is read-only' },
  ENOSPC: { write: 'no space left on the device', read: 'no space left on the device' },
  EDQUOT: { write: 'disk quota exceeded', read: 'disk quota exceeded' },
  ENAMETOOLONG: { write: 'the name is too long', read: 'the name is too long' },
  EMFILE: { write: 'too many open files', read: 'too many open files' },
};

export function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return (
    e instanceof Error &&
    typeof (e as NodeJS.ErrnoException).code === 'string' &&
    (e as NodeJS.ErrnoException).code! in CAUSES
  );
}

/**
 * The error to throw for `e`, met while reading or writing `path` (the path the user gave, not a
 * temporary file beside it). Anything that is not a known file-system error is returned unchanged.
 */
export function systemError(e: unknown, path?: string, doing: 'read' | 'write' = 'write'): unknown {
  if (!isSystemError(e)) return e;
  const cause = CAUSES[e.code as string]![doing];
  return new GlassboxError(cause, path ?? e.path ?? undefined);
}
