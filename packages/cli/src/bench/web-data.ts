// Benchmark rows for web data (part of section `data`): `data prepare` as a user runs it, in a
// child process each time (so peak memory is that run's own), on
//  - a Common Crawl-like WARC.gz of a few hundred pages (crawlSample over Brown texts), and
//  - FineWeb-like parquet files (text, id, dump, url, date, language, language_score,
//    token_count; 1,000 rows per row group; snappy) of documents drawn from Brown's sentences,
//    at several sizes up to about 100 MB, to show peak memory against input size (also without
//    dedup, whose index is the one part that grows with the number of documents);
// each on one worker thread and on every core. MB/s are of the input file's bytes (compressed, as
// on disk); for each stage, the share of the documents read that is still there after it.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Random } from '@glassbox/model';
import { crawlSample, type DataStats } from '@glassbox/model/data';
import { loadBrownCorpus } from '@glassbox/model/node';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { BenchOptions, BenchRow } from './types.js';

const CLI = fileURLToPath(new URL('../main.js', import.meta.url));

interface Run {
  stats: DataStats;
  peakMiB: number;
}

/** `glassbox data prepare FILE --out … --threads N` in a child process (peak memory by /usr/bin/time). */
async function prepared(file: string, out: string, threads: number, extra: string[] = []): Promise<Run> {
  const args = [
    CLI,
    'data',
    'prepare',
    file,
    '--out',
    out,
    '--force',
    '--threads',
    String(threads),
    ...extra,
  ];
  const r = existsSync('/usr/bin/time')
    ? spawnSync('/usr/bin/time', ['-f', 'peak %M', process.execPath, ...args], { encoding: 'utf8' })
    : spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`data prepare failed: ${r.stderr}`);
  const stats = JSON.parse(await readFile(join(out, 'stats.json'), 'utf8')) as DataStats;
  const peakKiB = Number(/peak (\d+)/.exec(r.stderr)?.[1] ?? 0);
  return { stats, peakMiB: peakKiB ? peakKiB / 1024 : (stats.peakMemory ?? 0) / 2 ** 20 };
}

/** Documents of 20–120 sentences drawn from Brown's, seeded: English prose, each one distinct. */
function fineWebRows(sentences: string[], bytes: number, seed: number) {
  const rng = new Random(seed);
  const rows = {
    text: [] as string[],
    id: [] as string[],
    url: [] as string[],
    score: [] as number[],
    tokens: [] as number[],
  };
  let total = 0;
  for (let i = 0; total < bytes; i++) {
    const n = 20 + rng.int(100);
    const parts: string[] = [];
    for (let k = 0; k < n; k++) parts.push(sentences[rng.int(sentences.length)]);
    const text = parts.join(rng.next() < 0.5 ? '\n' : ' ');
    rows.text.push(text);
    rows.id.push(`<urn:uuid:bench-${seed}-${i}>`);
    rows.url.push(`https://site${i % 97}.example/${i}`);
    rows.score.push(0.9 + rng.next() / 10);
    rows.tokens.push(Math.round(text.length / 4.5));
    total += text.length;
  }
  return rows;
}

async function writeParquet(path: string, sentences: string[], textBytes: number): Promise<number> {
  const r = fineWebRows(sentences, textBytes, textBytes);
  const n = r.text.length;
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'text', data: r.text, type: 'STRING' },
      { name: 'id', data: r.id, type: 'STRING' },
      { name: 'dump', data: Array(n).fill('CC-MAIN-2024-10'), type: 'STRING' },
      { name: 'url', data: r.url, type: 'STRING' },
      { name: 'date', data: Array(n).fill('2024-03-01T12:00:00Z'), type: 'STRING' },
      { name: 'language', data: Array(n).fill('en'), type: 'STRING' },
      { name: 'language_score', data: r.score, type: 'DOUBLE' },
      { name: 'token_count', data: r.tokens, type: 'INT32' },
    ],
    rowGroupSize: 1000,
  });
  await writeFile(path, new Uint8Array(buffer));
  return buffer.byteLength;
}

export async function webDataRows({ quick }: BenchOptions, emit: (row: BenchRow) => void): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'glassbox-bench-web-'));
  const cores = availableParallelism();
  try {
    const brown = await loadBrownCorpus();
    const pages = quick ? 100 : 300;
    const warc = join(dir, 'crawl.warc.gz');
    const warcData = await crawlSample(brown.slice(0, pages), { seed: 1 });
    const warcBytes = warcData.byteLength;
    await writeFile(warc, warcData);
    const sentences = brown.flatMap((d) => d.text.split('\n').filter((l) => l.split(' ').length >= 6));
    const sizes = quick ? [5e6] : [10e6, 30e6, 150e6]; // bytes of text; snappy makes the files about 2/3 of that
    const parquets: { file: string; bytes: number }[] = [];
    for (const s of sizes) {
      const file = join(dir, `fineweb-${s / 1e6}M.parquet`);
      parquets.push({ file, bytes: await writeParquet(file, sentences, s) });
    }

    const row = (kernel: string, shape: number[], threads: number, run: Run, bytes: number): BenchRow => ({
      kernel: `${kernel}, ${threads} thread${threads === 1 ? '' : 's'}`,
      shape,
      impl: 'glassbox',
      threads,
      ms: run.stats.seconds * 1000,
      extra: {
        MB_per_s: bytes / 1e6 / run.stats.seconds,
        peak_MiB: run.peakMiB,
        kept_pct: (100 * run.stats.output.documents) / Math.max(1, run.stats.stages[0].docsOut),
      },
    });
    const stageRows = (name: string, run: Run) => {
      const read = Math.max(1, run.stats.stages[0].docsOut);
      for (const s of run.stats.stages.slice(1))
        emit({
          kernel: `${name}: after ${s.stage}`,
          shape: [s.docsOut],
          impl: 'glassbox',
          threads: 1,
          ms: (s.seconds ?? 0) * 1000,
          extra: {
            MB_per_s: s.seconds ? s.bytesIn / 1e6 / s.seconds : 0,
            kept_pct: (100 * s.docsOut) / read,
          },
        });
    };

    // Alternate 1 thread and every core, so load on the machine falls on both alike.
    const threadCounts = cores > 1 ? [1, cores] : [1];
    const warcRuns = new Map<number, Run>();
    for (const t of threadCounts) warcRuns.set(t, await prepared(warc, join(dir, `out-warc-${t}`), t));
    for (const t of threadCounts)
      emit(
        row(
          `data prepare WARC.gz (${pages} pages, ${(warcBytes / 1e6).toFixed(1)} MB)`,
          [pages],
          t,
          warcRuns.get(t)!,
          warcBytes,
        ),
      );
    stageRows('WARC', warcRuns.get(1)!);

    for (const [i, p] of parquets.entries()) {
      const last = i === parquets.length - 1;
      for (const t of last ? threadCounts : [1]) {
        const run = await prepared(p.file, join(dir, `out-pq-${i}-${t}`), t);
        emit(
          row(
            `data prepare parquet (${(p.bytes / 1e6).toFixed(0)} MB)`,
            [run.stats.stages[0].docsOut],
            t,
            run,
            p.bytes,
          ),
        );
        if (last && t === 1) stageRows('parquet', run);
        await rm(join(dir, `out-pq-${i}-${t}`), { recursive: true, force: true });
      }
      // Without dedup, whose index grows with the number of documents: the readers and the
      // per-document stages alone, whose memory should not grow with the input.
      if (i === 0 || last) {
        const run = await prepared(p.file, join(dir, `out-pq-${i}-nodedup`), 1, ['--no-dedup']);
        emit(
          row(
            `data prepare parquet (${(p.bytes / 1e6).toFixed(0)} MB) --no-dedup`,
            [run.stats.stages[0].docsOut],
            1,
            run,
            p.bytes,
          ),
        );
        await rm(join(dir, `out-pq-${i}-nodedup`), { recursive: true, force: true });
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
