// Benchmark section `data`: curation throughput on the Brown corpus with injected noise (a quarter
// of the texts as HTML pages with navigation, scripts and footers; 5 % exact and 5 % near copies;
// 10 % junk pages) — `data prepare` end to end from files, with and without char-level shards,
// and the in-memory pipeline with its two heaviest parts alone. MB/s are of input bytes, medians
// of a few runs. No peer runs in this process (datatrove is Python), so the figures stand alone.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Curator,
  FINEWEB_FILTERS,
  loadExtractor,
  MinHasher,
  noisyCorpus,
  normalizeText,
  type RawDocument,
  readDocuments,
  runFilters,
} from '@glassbox/model/data';
import { loadBrownCorpus, prepareData } from '@glassbox/model/node';
import type { BenchRow, BenchSection } from './types.js';
import { webDataRows } from './web-data.js';

async function timeAsync(reps: number, fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn(); // warm-up: JIT tiers and file cache
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export const dataSection: BenchSection = {
  name: 'data',
  description:
    'data prepare on the Brown corpus with injected HTML, duplicates and junk, on a WARC.gz crawl and on FineWeb-like parquet (MB/s of input, peak memory, share kept)',
  async run({ quick }, emit) {
    const reps = quick ? 1 : 3;
    const files = noisyCorpus(await loadBrownCorpus(), { seed: 1 });
    const enc = new TextEncoder();
    const bytes = files.reduce((n, f) => n + enc.encode(f.text).length, 0);
    const dir = await mkdtemp(join(tmpdir(), 'glassbox-bench-data-'));
    try {
      const input = join(dir, 'input');
      await mkdir(input);
      for (const f of files) await writeFile(join(input, f.name), f.text);
      const row = (kernel: string, ms: number, docs: number, mb = bytes): BenchRow => ({
        kernel,
        shape: [docs],
        impl: 'glassbox',
        threads: 1,
        ms,
        extra: { MB_per_s: mb / 1e6 / (ms / 1000) },
      });

      let kept = 0;
      const plain = await timeAsync(reps, async () => {
        kept = (await prepareData([input], { out: join(dir, 'out'), force: true })).output.documents;
      });
      const docsIn = files.length;
      emit(row(`data prepare (${files.length} files → ${kept} docs)`, plain, docsIn));
      const sharded = await timeAsync(reps, () =>
        prepareData([input], { out: join(dir, 'out2'), tokenizer: 'char', force: true }),
      );
      emit(row('data prepare + char shards', sharded, docsIn));

      // The same documents already read: the pipeline alone, then its two heaviest parts.
      const docs: RawDocument[] = [];
      for (const f of files)
        for await (const d of readDocuments(f.name, [enc.encode(f.text)])) if (!('kind' in d)) docs.push(d);
      await loadExtractor();
      const inMemory = await timeAsync(reps, () => {
        const c = new Curator(['bench']);
        for (const d of docs) c.push(d);
      });
      emit(row('curate in memory', inMemory, docs.length));
      const texts = docs.map((d) => normalizeText(d.text));
      emit(
        row(
          'quality filters only',
          await timeAsync(reps, () => texts.map((t) => runFilters(t, FINEWEB_FILTERS))),
          texts.length,
        ),
      );
      const hasher = new MinHasher();
      emit(
        row(
          'MinHash signatures only',
          await timeAsync(reps, () => texts.map((t) => hasher.signature(t))),
          texts.length,
        ),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    await webDataRows({ quick }, emit);
  },
};
