// The corpora `glassbox embed train` and the word2vec benchmark read, as sentences of words:
// - brown: the Brown corpus as NLTK's brown.sents() gives it (57,340 sentences, 1,161,192 tokens,
//   punctuation as tokens), lowercased — the corpus and settings of gensim's reference figures;
// - toy: the seeded toy corpus (cat and dog share contexts, banana lives among fruit);
// - FILE: one sentence per line, words separated by whitespace (gensim's LineSentence), with
//   --lowercase to fold case.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GlassboxError } from '@glassbox/model';
import { brownWord, toySentences } from '@glassbox/model/data';
import { brownPackageDir, readTextFile } from '@glassbox/model/node';

export const CORPUS_HELP = 'brown (built in), toy (built in, seeded) or a text file: one sentence per line';

let brownCache: Promise<string[][]> | undefined;

/** The Brown corpus's tagged files, word tokens only, lowercased, one array per sentence. */
export function brownSentences(): Promise<string[][]> {
  brownCache ??= (async () => {
    const dir = brownPackageDir();
    const cats = await readFile(join(dir, 'cats.txt'), 'utf8');
    const ids = cats
      .split('\n')
      .map((l) => l.trim().split(/\s+/)[0])
      .filter((id) => /^c[a-r]\d\d$/.test(id))
      .sort();
    const texts = await Promise.all(ids.map((id) => readFile(join(dir, id), 'utf8')));
    const out: string[][] = [];
    for (const text of texts) {
      for (const line of text.split('\n')) {
        const tokens = line.split(/\s+/).filter(Boolean);
        if (tokens.length) out.push(tokens.map((t) => brownWord(t).toLowerCase()));
      }
    }
    return out;
  })();
  return brownCache;
}

export async function loadSentences(
  corpus: string,
  options: { lowercase?: boolean; seed?: number } = {},
): Promise<string[][]> {
  if (corpus === 'brown') return brownSentences();
  if (corpus === 'toy') return toySentences({ seed: options.seed ?? 1 });
  const text = await readTextFile(corpus, 'corpus file');
  const sentences = (options.lowercase ? text.toLowerCase() : text)
    .split(/\r?\n/)
    .map((line) => line.split(/\s+/).filter(Boolean))
    .filter((words) => words.length > 0);
  if (sentences.length === 0) throw new GlassboxError('the corpus file holds no words', corpus);
  return sentences;
}
