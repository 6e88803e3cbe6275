// `glassbox embed …`: word embeddings — train word2vec, ask for neighbours and analogies, project
// to a map, score on benchmark files, convert between file formats. One file per command family.

import type { Command } from 'commander';
import { action } from '../ui/run.js';
import { registerEmbedEval } from './embed-eval.js';
import { checkVectorsOutput, readVectors, writeVectors } from './embed-files.js';
import { registerEmbedProject } from './embed-project.js';
import { registerEmbedQuery } from './embed-query.js';
import { registerEmbedTrain } from './embed-train.js';

export function registerEmbed(program: Command): void {
  const embed = program
    .command('embed')
    .description('word embeddings: train word2vec, neighbours, analogies, 2-D maps, evaluation');
  registerEmbedTrain(embed);
  registerEmbedQuery(embed);
  registerEmbedProject(embed);
  registerEmbedEval(embed);
  embed
    .command('convert')
    .description('convert a vectors file: .bin (word2vec binary), .txt (text), .tsv (Projector pair)')
    .argument('<from>')
    .argument('<to>')
    .option('--force', 'replace <to> if it exists')
    .action(
      action(async (from: string, to: string, o: { force?: boolean }) => {
        await checkVectorsOutput(to, o.force, [from]);
        const v = await readVectors(from);
        const files = await writeVectors(to, v);
        console.log(`wrote ${v.size.toLocaleString('en-US')} vectors of ${v.dim} to ${files.join(' and ')}`);
      }),
    );
}
