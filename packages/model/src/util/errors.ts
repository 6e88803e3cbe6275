// GlassboxError: a problem with the user's input (a file, a flag, a checkpoint) rather than a bug.
// Its message says what was wrong, where, and what to do; the CLI prints it as one line and exits
// non-zero, the web app shows it in place. Anything else that escapes is a bug and keeps its stack.

export class GlassboxError extends Error {
  override readonly name = 'GlassboxError';
  constructor(
    message: string,
    /** Where the problem is: a file path, a flag, a line number. */
    readonly where?: string,
  ) {
    super(where ? `${where}: ${message}` : message);
  }
}

export function isGlassboxError(e: unknown): e is GlassboxError {
  return e instanceof Error && e.name === 'GlassboxError';
}
