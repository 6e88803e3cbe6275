// `glassbox embed eval`: scores a vectors file on an analogy file (questions-words format) and/or
// a word-pair similarity file (WordSim-353 format): accuracy per section, Spearman and Pearson.

import { GlassboxError } from '@glassbox/model';
import { readTextFile } from '@glassbox/model/node';
import { evaluateAnalogies, evaluatePairs } from '@glassbox/model/word2vec';
import type { Command } from 'commander';
import { action } from '../ui/run.js';
import { formatTable } from '../ui/table.js';
import { readVectors, VECTORS_HELP } from './embed-files.js';
import { choiceFlag, intFlag } from './embed-flags.js';

interface EvalFlags {
  analogies?: string;
  pairs?: string;
  method: string;
  restrict?: string;
}

export function registerEmbedEval(embed: Command): void {
  embed
    .command('eval')
    .description('score vectors on analogy questions and/or word-pair similarities')
    .argument('<vectors>', VECTORS_HELP)
    .option('--analogies <file>', 'questions-words file: ": section" lines, then "a b c d" per line')
    .option('--pairs <file>', 'word pairs with a human score: "w1<TAB>w2<TAB>score" per line')
    .option('--method <name>', 'analogy method: add (3CosAdd) or mul (3CosMul)', 'add')
    .option('--restrict <n>', 'only the n most frequent words count (default 300000)')
    .action(
      action(async (file: string, f: EvalFlags) => {
        if (!f.analogies && !f.pairs) throw new GlassboxError('give --analogies FILE, --pairs FILE or both');
        const v = await readVectors(file);
        const restrict = intFlag(f.restrict, '--restrict');
        if (f.analogies) {
          const method = choiceFlag(f.method, '--method', ['add', 'mul'] as const);
          const text = await readTextFile(f.analogies, 'analogy file');
          const r = await evaluateAnalogies(v, text, { method, restrict, where: f.analogies });
          const pct = (c: number, t: number) => (t ? `${((100 * c) / t).toFixed(1)} %` : '—');
          const rows = r.sections.map((s) => [s.name, s.correct, s.total, pct(s.correct, s.total)]);
          rows.push(['total', r.correct, r.total, pct(r.correct, r.total)]);
          console.log(
            `analogies (3Cos${method === 'add' ? 'Add' : 'Mul'}), ${r.skipped} skipped for unknown words`,
          );
          console.log(formatTable(['section', 'correct', 'questions', 'accuracy'], rows));
        }
        if (f.pairs) {
          const r = evaluatePairs(v, await readTextFile(f.pairs, 'pairs file'), { restrict, where: f.pairs });
          console.log(
            `word pairs: Spearman ${r.spearman.toFixed(4)}, Pearson ${r.pearson.toFixed(4)} over ${r.pairs} pairs (${r.skipped} skipped for unknown words)`,
          );
        }
      }),
    );
}
