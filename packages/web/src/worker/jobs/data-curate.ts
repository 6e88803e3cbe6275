// The Data page's curation, run in the worker: dropped files (text, JSONL, HTML, parquet,
// WARC/WET; streamed from the File objects, parquet read by range), the built-in Brown corpus as is
// or with seeded web-like noise injected, or a Common Crawl-like WARC made from Brown pages.
// fastText's language model is fetched once per worker. While it runs it sends snapshots of
// stats.json's object, so the page can animate the funnel; it returns the final one.

import {
  Curator,
  crawlSample,
  type DataStats,
  fetchBrownCorpus,
  fetchLanguageModel,
  type InputFile,
  inputFromBlob,
  inputFromBytes,
  noisyCorpus,
  readInput,
} from '@glassbox/model/data';
import type { CurateInput, DataEvent } from '../protocol/data';

const SNAPSHOT_MS = 250;

async function inputsOf(input: CurateInput): Promise<InputFile[]> {
  if ('files' in input) return input.files.map(inputFromBlob);
  const docs = await fetchBrownCorpus();
  const enc = new TextEncoder();
  if (input.source === 'crawl')
    return [
      inputFromBytes('crawl-sample.warc.gz', await crawlSample(docs.slice(0, 200), { seed: input.seed })),
    ];
  const files =
    input.source === 'brown-noisy'
      ? noisyCorpus(docs, { seed: input.seed })
      : [{ name: 'brown.jsonl', text: docs.map((d) => JSON.stringify(d)).join('\n') }];
  return files.map((f) => inputFromBytes(f.name, enc.encode(f.text)));
}

/** The input's chunks, counted as they are read (for the progress bar). */
function counted(input: InputFile, onBytes: (n: number) => void): InputFile {
  return {
    ...input,
    async *chunks() {
      for await (const c of input.chunks()) {
        onBytes(c.length);
        yield c;
      }
    },
    read: async (start, end) => {
      const buf = await input.read(start, end);
      onBytes(buf.byteLength);
      return buf;
    },
  };
}

export async function curate(input: CurateInput, progress: (p: DataEvent) => void): Promise<DataStats> {
  progress({ stage: 'load', done: 0, message: 'loading the input and the language model' });
  const [inputs, model] = await Promise.all([inputsOf(input), fetchLanguageModel()]);
  const total = inputs.reduce((n, i) => n + i.size, 0);
  const curator = await Curator.create(
    inputs.map((i) => i.name),
    { minhash: { seed: input.seed }, language: { model } },
  );
  let done = 0;
  let last = 0;
  const opts = 'files' in input ? { textField: input.textField } : {};
  for (const i of inputs) {
    for await (const item of readInput(
      counted(i, (n) => (done += n)),
      opts,
    )) {
      curator.push(item);
      if (Date.now() - last > SNAPSHOT_MS) {
        last = Date.now();
        progress({
          stage: 'curate',
          done: Math.min(done, total),
          total,
          metrics: curator.counts(),
          snapshot: curator.stats(),
        });
      }
    }
  }
  progress({ stage: 'curate', done: total, total, metrics: curator.counts() });
  return curator.stats();
}
