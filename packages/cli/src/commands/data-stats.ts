// `glassbox data stats DIR`: the report of a finished `data prepare` run, from DIR/stats.json
// (or a stats.json path).

import { statSync } from 'node:fs';
import { join } from 'node:path';
import { GlassboxError } from '@glassbox/model';
import { parseDataStats } from '@glassbox/model/data';
import { readTextFile } from '@glassbox/model/node';
import type { Command } from 'commander';
import { action } from '../ui/run.js';
import { renderDataReport, renderIssues } from './data-report.js';

export function registerDataStats(data: Command): void {
  data
    .command('stats')
    .description('print the report of a `data prepare` output folder (its stats.json)')
    .argument('<dir>', 'output folder of data prepare, or a stats.json file')
    .option('--json', 'print stats.json as is')
    .action(
      action(async (dir: string, opts: { json?: boolean }) => {
        let path = dir;
        try {
          if (statSync(dir).isDirectory()) path = join(dir, 'stats.json');
        } catch {
          throw new GlassboxError('no such folder or file; check the path', dir);
        }
        const text = await readTextFile(path, 'stats file');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch (e) {
          throw new GlassboxError(`not valid JSON (${(e as Error).message})`, path);
        }
        const stats = parseDataStats(json, path);
        if (opts.json) {
          console.log(JSON.stringify(stats, null, 2));
          return;
        }
        console.log(`${stats.inputs.join(', ')} → ${path}\n`);
        console.log(renderDataReport(stats));
        const issues = renderIssues(stats);
        if (issues.length)
          console.log(`\nproblems in the input (${stats.issues.count}):\n${issues.join('\n')}`);
      }),
    );
}
