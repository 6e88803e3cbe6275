// `glassbox embed project`: the vocabulary (or its most frequent words) placed on a 2-D or 3-D
// map by PCA or UMAP, written as JSON { method, components, explained?, points: [{ word, id,
// x, y, z? }] } — what a plotting tool or the web page reads.

import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { checkOutput, writeFileAtomic } from '@glassbox/model/node';
import { project } from '@glassbox/model/word2vec';
import type { Command } from 'commander';
import { ProgressLine } from '../ui/progress.js';
import { action } from '../ui/run.js';
import { readVectors, VECTORS_HELP } from './embed-files.js';
import { choiceFlag, intFlag } from './embed-flags.js';

interface ProjectFlags {
  method: string;
  out: string;
  force?: boolean;
  top?: string;
  components: string;
  seed: string;
  neighbours?: string;
}

export function registerEmbedProject(embed: Command): void {
  embed
    .command('project')
    .description('place the words on a 2-D or 3-D map (PCA or UMAP) and write points as JSON')
    .argument('<vectors>', VECTORS_HELP)
    .requiredOption('--out <file>', 'points JSON')
    .option('--force', 'replace --out if it exists')
    .option('--method <name>', 'pca or umap', 'pca')
    .option('--top <n>', 'only the n most frequent words (the first n of the file)')
    .option('--components <n>', '2 or 3', '2')
    .option('--seed <n>', 'UMAP seed', '1')
    .option('--neighbours <n>', 'UMAP neighbours per point (default 15)')
    .action(
      action(async (file: string, f: ProjectFlags) => {
        await checkOutput(f.out, { force: f.force, inputs: [file] });
        const v = await readVectors(file);
        const top = Math.min(intFlag(f.top, '--top') ?? v.size, v.size);
        const line = new ProgressLine(process.stderr, 5_000);
        const p = await project(v, {
          method: choiceFlag(f.method, '--method', ['pca', 'umap'] as const),
          components: intFlag(f.components, '--components'),
          ids: Array.from({ length: top }, (_, i) => i),
          seed: intFlag(f.seed, '--seed', 0),
          neighbours: intFlag(f.neighbours, '--neighbours', 2),
          onProgress: (e) => line.update(`${e.stage}: epoch ${e.done}/${e.total}`),
        });
        line.clear();
        const axes = ['x', 'y', 'z'].slice(0, p.components);
        const points = p.ids.map((id, i) => ({
          word: p.words[i],
          id,
          ...Object.fromEntries(axes.map((a, c) => [a, round(p.coords[i * p.components + c])])),
        }));
        const json = { method: p.method, components: p.components, explained: p.explained, points };
        await mkdir(dirname(f.out), { recursive: true });
        await writeFileAtomic(f.out, `${JSON.stringify(json)}\n`);
        const explained = p.explained
          ? ` (axes explain ${p.explained.map((e) => `${(100 * e).toFixed(1)} %`).join(', ')} of the variance)`
          : '';
        console.log(
          `wrote ${points.length.toLocaleString('en-US')} points by ${p.method}${explained} to ${f.out}`,
        );
      }),
    );
}

function round(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}
