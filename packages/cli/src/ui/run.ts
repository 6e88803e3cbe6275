// Wraps a command's action so that bad input ends as one clear line and a non-zero exit, never a
// stack trace. A GlassboxError (or a commander usage error) is the user's to fix; anything else
// is our bug and is reported as such, with the stack only when GLASSBOX_DEBUG is set. The library
// names the setting at fault by its own name (`field`); here it becomes the flag that sets it.
// Ordinary file-system trouble (a missing folder, permission denied, a full disk) that reached
// here without the library naming it is the user's too: one line with the path, exit 1.

import { type ErrorField, isGlassboxError } from '@glassbox/model';
import { isSystemError, systemError } from '@glassbox/model/node';
import { Command } from 'commander';
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
      process.exitCode = reportError(e, flagsOf(args));
    }
  };
}

/** The long flags of the running command (commander passes it as an action's last argument). */
function flagsOf(args: unknown[]): Set<string> | undefined {
  const cmd = args[args.length - 1];
  if (!(cmd instanceof Command)) return undefined;
  return new Set(cmd.options.map((o) => o.long).filter((l): l is string => l !== undefined));
}

/** `flags`: the command's own flags; a field whose flag is not among them is named by its message alone. */
export function reportError(e: unknown, flags?: Set<string>): number {
  if (isSystemError(e)) e = systemError(e);
  if (isGlassboxError(e)) {
    // A refusal to replace an output names the place; the flag is the way past it.
    const flag = e.field && !e.where ? flagFor(e.field) : undefined;
    const message =
      e.field === 'force' && e.where
        ? `${e.message}, or add --force to replace it`
        : flag
          ? !flags || flags.has(flag)
            ? `${flag}: ${e.detail}`
            : e.detail
          : e.message;
    console.error(`${pc.red('error:')} ${inert(message)}`);
    return 1;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  console.error(`${pc.red('internal error:')} ${inert(err.message)}`);
  if (process.env.GLASSBOX_DEBUG) console.error(err.stack);
  else console.error('(this is a bug in glassbox; set GLASSBOX_DEBUG=1 for the stack trace)');
  return 2;
}

/**
 * Control characters a message may echo from input (a file name, a token) written as \u escapes,
 * so an escape sequence never acts on the terminal; line breaks and tabs stay.
 */
export function inert(message: string): string {
  let out = '';
  for (const c of message) {
    const code = c.charCodeAt(0);
    const control = (code < 0x20 && c !== '\n' && c !== '\t') || (code >= 0x7f && code <= 0x9f);
    out += control ? `\\u${code.toString(16).padStart(4, '0')}` : c;
  }
  return out;
}
