// `glassbox data …`: the data-curation commands, one file each (data-corpus.ts, …).

import type { Command } from 'commander';
import { registerDataCorpus } from './data-corpus.js';

export function registerData(program: Command): void {
  const data = program
    .command('data')
    .description('curate text for pretraining: built-in corpora, cleaning, dedup, token shards');
  registerDataCorpus(data);
}
