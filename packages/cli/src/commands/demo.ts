// `glassbox demo`: the main job README's first command runs. For now: the numeric core's
// self-check and a quick matmul figure; later steps turn it into pretraining on the built-in
// corpus with the loss falling and samples before and after.

import type { Command } from 'commander';
import { kernelSections } from '../bench/kernels.js';
import type { BenchRow } from '../bench/types.js';
import { action } from '../ui/run.js';
import { renderSection } from './bench.js';
import { printSelfCheck } from './selfcheck.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('the end-to-end demo: check the numeric core and show its speed')
    .action(
      action(async () => {
        console.log('glassbox demo — 1. the numeric core against its reference twin\n');
        const ok = await printSelfCheck(1);
        console.log(
          '\nglassbox demo — 2. matrix multiply speed (quick run; `glassbox bench` for the full table)\n',
        );
        const rows: BenchRow[] = [];
        await kernelSections[0].run({ quick: true }, (r) => rows.push(r));
        console.log(renderSection(rows));
        if (!ok) process.exitCode = 1;
      }),
    );
}
