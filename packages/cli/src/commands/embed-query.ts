// `glassbox embed similar | analogy | odd`: questions to a vectors file. Unknown words end with
// one line naming close spellings from the vocabulary.

import type { Command } from 'commander';
import { action } from '../ui/run.js';
import { fmt, formatTable } from '../ui/table.js';
import { readVectors, VECTORS_HELP } from './embed-files.js';
import { choiceFlag, intFlag } from './embed-flags.js';

export function registerEmbedQuery(embed: Command): void {
  embed
    .command('similar')
    .description('the words nearest to WORD by cosine similarity')
    .argument('<vectors>', VECTORS_HELP)
    .argument('<word>')
    .option('-n, --n <count>', 'how many neighbours', '10')
    .action(
      action(async (file: string, word: string, opts: { n: string }) => {
        const v = await readVectors(file);
        const n = intFlag(opts.n, '-n') ?? 10;
        const rows = v.nearest(word, n).map((x, i) => [i + 1, x.word, fmt(x.similarity, 4)]);
        console.log(formatTable(['#', `nearest to ${word}`, 'cosine'], rows));
      }),
    );

  embed
    .command('analogy')
    .description('A is to B as C is to ? (king − man + woman: analogy VECTORS man king woman)')
    .argument('<vectors>', VECTORS_HELP)
    .argument('<a>')
    .argument('<b>')
    .argument('<c>')
    .option('-n, --n <count>', 'how many answers', '5')
    .option('--method <name>', 'add (3CosAdd: b − a + c) or mul (3CosMul)', 'add')
    .action(
      action(async (file: string, a: string, b: string, c: string, opts: { n: string; method: string }) => {
        const v = await readVectors(file);
        const method = choiceFlag(opts.method, '--method', ['add', 'mul'] as const);
        const answers = v.analogy(a, b, c, { method, n: intFlag(opts.n, '-n') ?? 5 });
        console.log(`${a} is to ${b} as ${c} is to …`);
        console.log(
          formatTable(
            ['#', 'word', 'score'],
            answers.map((x, i) => [i + 1, x.word, fmt(x.similarity, 4)]),
          ),
        );
      }),
    );

  embed
    .command('odd')
    .description('the odd one out: the word least like the others')
    .argument('<vectors>', VECTORS_HELP)
    .argument('<words...>', 'three or more words')
    .action(
      action(async (file: string, words: string[]) => {
        const v = await readVectors(file);
        const r = v.oddOneOut(words);
        console.log(`odd one out: ${r.word}`);
        const rows = words.map((w) => [w, fmt(r.similarities[w], 4)]);
        console.log(formatTable(['word', 'cosine to the mean'], rows));
      }),
    );
}
