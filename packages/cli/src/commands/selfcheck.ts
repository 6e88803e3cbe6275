// `glassbox selfcheck`: the numeric core checked end to end — every kernel through wasm and the
// reference twin on the same inputs, with the largest disagreement and the time each took.

import { selfCheck } from '@glassbox/core-wasm';
import { GlassboxError } from '@glassbox/model';
import type { Command } from 'commander';
import pc from 'picocolors';
import { action } from '../ui/run.js';
import { fmt, formatTable } from '../ui/table.js';

export async function printSelfCheck(seed = 1): Promise<boolean> {
  const rows = await selfCheck(seed);
  console.log(
    formatTable(
      ['kernel', 'shape', 'max error', 'tolerance', 'wasm ms', 'reference ms', ''],
      rows.map((r) => [
        r.kernel,
        r.shape,
        r.maxError.toExponential(1),
        r.tolerance.toExponential(0),
        fmt(r.wasmMs, 2),
        fmt(r.referenceMs, 2),
        r.ok ? pc.green('ok') : pc.red('MISMATCH'),
      ]),
    ),
  );
  const bad = rows.filter((r) => !r.ok);
  console.log(
    bad.length === 0
      ? `\nall ${rows.length} kernel families agree with the reference twin`
      : `\n${bad.length} of ${rows.length} kernel families disagree: ${bad.map((r) => r.kernel).join(', ')}`,
  );
  return bad.length === 0;
}

export function registerSelfCheck(program: Command): void {
  program
    .command('selfcheck')
    .description('check every wasm kernel against its reference twin and print a report')
    .option('--seed <n>', 'seed for the random inputs', '1')
    .action(
      action(async (opts: { seed: string }) => {
        const seed = Number(opts.seed);
        if (!Number.isInteger(seed))
          throw new GlassboxError(`expected an integer, got "${opts.seed}"`, '--seed');
        if (!(await printSelfCheck(seed))) process.exitCode = 1;
      }),
    );
}
