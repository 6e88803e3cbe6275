// Wraps a command's action so that bad input ends as one clear line and a non-zero exit, never a
// stack trace. A GlassboxError (or a commander usage error) is the user's to fix; anything else
// is our bug and is reported as such, with the stack only when GLASSBOX_DEBUG is set. The library
// names the setting at fault by its own name (`field`); here it becomes the flag that sets it.
// Ordinary file-system trouble (a missing folder, permission denied, a full disk) that reached
// here without the library naming it is the user's too: one line with the path, exit 1.

import { type ErrorField, isGlassboxError } from '@glassbox/model';
import { isSystemError, systemError } from '@glassbox/model/node';
import pc from 'picocolors';
import { kebab } from '../train/options.js';

/** Flags whose names are not the field's name in kebab case. */
const FLAGS: Partial<Record<ErrorField, string>> = { tokenizerType: '--type' };

/** The flag that sets a library field. */
export function flagFor(field: ErrorField): string {
  return FLAGS[field] ?? `--${kebab(field)}`;
}

export function action<A extends unknown[]>(
  fn: (...args: A) => Promise<void> | void,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      process.exitCode = reportError(e);
    }
  };
}

export function reportError(e: unknown): number {
  if (isSystemError(e)) e = systemError(e);
  if (isGlassboxError(e)) {
    // A refusal to replace an output names the place; the flag is the way past it.
    const message =
      e.field === 'force' && e.where
        ? `${e.message}, or add --force to replace it`
        : e.field && !e.where
          ? `${flagFor(e.field)}: ${e.detail}`
          : e.message;
    console.error(`${pc.red('error:')} ${message}`);
    return 1;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  console.error(`${pc.red('internal error:')} ${err.message}`);
  if (process.env.GLASSBOX_DEBUG) console.error(err.stack);
  else console.error('(this is a bug in glassbox; set GLASSBOX_DEBUG=1 for the stack trace)');
  return 2;
}
