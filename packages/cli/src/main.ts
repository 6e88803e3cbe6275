#!/usr/bin/env node
// glassbox: the command line. Thin by design: argument parsing, files, progress and reports;
// every computation is a call into @glassbox/model or @glassbox/core-wasm.

import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { reportError } from './ui/run.js';

// A reader that stops early (`glassbox … | head`) closes the pipe: that is not an error, so the
// command ends quietly with what it had, instead of an unhandled EPIPE and a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

try {
  await buildProgram().parseAsync(process.argv);
} catch (e) {
  // exitOverride turns usage errors into exceptions: commander has already printed the message.
  if (e instanceof CommanderError) process.exitCode = e.exitCode;
  else process.exitCode = reportError(e);
}
