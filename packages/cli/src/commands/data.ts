// `glassbox data …`: the data-curation commands, one file each (data-prepare.ts, data-stats.ts,
// data-corpus.ts; the shared report is data-report.ts).

import type { Command } from 'commander';
import { registerDataCorpus } from './data-corpus.js';
import { registerDataPrepare } from './data-prepare.js';
import { registerDataStats } from './data-stats.js';

export function registerData(program: Command): void {
  const data = program
    .command('data')
    .description('curate text for pretraining: built-in corpora, cleaning, dedup, token shards');
  registerDataPrepare(data);
  registerDataStats(data);
  registerDataCorpus(data);
}
