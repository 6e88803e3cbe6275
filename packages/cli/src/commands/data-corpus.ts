// `glassbox data corpus brown --out FILE`: writes a built-in corpus to a file. FILE ending in
// .jsonl gets one JSON object per document ({ id, category, text }); any other name gets plain
// text, one sentence per line, a blank line between paragraphs and between documents.

import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type BrownDocument, GlassboxError, joinDocuments } from '@glassbox/model';
import { loadBrownCorpus, writeFileAtomic } from '@glassbox/model/node';
import type { Command } from 'commander';
import { action } from '../ui/run.js';

const CORPORA: Record<string, { about: string; load: () => Promise<BrownDocument[]> }> = {
  brown: { about: 'the Brown corpus: 500 texts of 1961 American English, 15 genres', load: loadBrownCorpus },
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
    .action(
      action(async (name: string, opts: { out: string }) => {
        const corpus = CORPORA[name];
        if (!corpus)
          throw new GlassboxError(`unknown corpus "${name}"; choose from ${Object.keys(CORPORA).join(', ')}`);
        const docs = await corpus.load();
        const body = opts.out.endsWith('.jsonl')
          ? docs.map((d) => JSON.stringify(d)).join('\n') + '\n'
          : joinDocuments(docs) + '\n';
        await mkdir(dirname(opts.out), { recursive: true });
        await writeFileAtomic(opts.out, body);
        const bytes = new TextEncoder().encode(body).length;
        console.log(`wrote ${docs.length} documents, ${(bytes / 1e6).toFixed(2)} MB, to ${opts.out}`);
      }),
    );
}
