#!/usr/bin/env node
// glassbox: the command line. Thin by design: argument parsing, files, progress and reports;
// every computation is a call into @glassbox/model or @glassbox/core-wasm.

import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { reportError } from './ui/run.js';

try {
  await buildProgram().parseAsync(process.argv);
} catch (e) {
  // exitOverride turns usage errors into exceptions: commander has already printed the message.
  if (e instanceof CommanderError) process.exitCode = e.exitCode;
  else process.exitCode = reportError(e);
}
