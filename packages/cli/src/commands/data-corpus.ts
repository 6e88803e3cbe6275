// `glassbox data corpus brown|toy --out FILE`: writes a built-in corpus to a file. FILE ending in
// .jsonl gets one JSON object per document ({ id, category, text }); any other name gets plain
// text (Brown: one sentence per line, a blank line between paragraphs and between documents;
// toy: one generated sentence per line, seeded).

import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { GlassboxError } from '@glassbox/model';
import { type BrownDocument, joinDocuments, toyCorpus } from '@glassbox/model/data';
import { checkOutput, loadBrownCorpus, writeFileAtomic } from '@glassbox/model/node';
import type { Command } from 'commander';
import { action } from '../ui/run.js';

interface CorpusFlags {
  out: string;
  force?: boolean;
  seed: string;
  sentences: string;
}

const CORPORA: Record<string, { about: string; load: (f: CorpusFlags) => Promise<BrownDocument[]> }> = {
  brown: { about: 'the Brown corpus: 500 texts of 1961 American English, 15 genres', load: loadBrownCorpus },
  toy: {
    about: 'generated sentences where cat and dog share contexts and banana lives with fruit (seeded)',
    load: async (f) => {
      const seed = Number(f.seed);
      const sentences = Number(f.sentences);
      if (!Number.isInteger(seed)) throw new GlassboxError(`expected an integer, got "${f.seed}"`, '--seed');
      if (!Number.isInteger(sentences) || sentences < 1)
        throw new GlassboxError(`expected a positive integer, got "${f.sentences}"`, '--sentences');
      return [{ id: `toy-seed${seed}`, category: 'toy', text: toyCorpus({ seed, sentences }).trimEnd() }];
    },
  },
};

export function registerDataCorpus(data: Command): void {
  data
    .command('corpus')
    .description(`write a built-in corpus to a file (${Object.keys(CORPORA).join(', ')})`)
    .argument(
      '<name>',
      Object.entries(CORPORA)
        .map(([k, v]) => `${k}: ${v.about}`)
        .join('; '),
    )
    .requiredOption('--out <file>', 'output file (.jsonl: one JSON document per line; else plain text)')
    .option('--force', 'replace --out if it exists')
    .option('--seed <n>', 'toy: seed of the generator', '1')
    .option('--sentences <n>', 'toy: how many sentences', '2000')
    .action(
      action(async (name: string, flags: CorpusFlags) => {
        const corpus = CORPORA[name];
        if (!corpus)
          throw new GlassboxError(`unknown corpus "${name}"; choose from ${Object.keys(CORPORA).join(', ')}`);
        await checkOutput(flags.out, { force: flags.force });
        const docs = await corpus.load(flags);
        const body = flags.out.endsWith('.jsonl')
          ? docs.map((d) => JSON.stringify(d)).join('\n') + '\n'
          : joinDocuments(docs) + '\n';
        await mkdir(dirname(flags.out), { recursive: true });
        await writeFileAtomic(flags.out, body);
        const bytes = new TextEncoder().encode(body).length;
        const what = docs.length === 1 ? `${body.split('\n').length - 1} lines` : `${docs.length} documents`;
        console.log(`wrote ${what}, ${(bytes / 1e6).toFixed(2)} MB, to ${flags.out}`);
      }),
    );
}
