// The Data page's worker job (it runs inside glassbox.worker.ts, never on the UI thread): the
// curation pipeline over dropped files (streamed from the File objects) or the built-in Brown
// corpus, as is or with seeded web-like noise injected (HTML pages, copies, junk). It returns
// stats.json's object: the funnel, the counts per reason and removed examples.

import {
  type ByteChunks,
  Curator,
  type DataStats,
  fetchBrownCorpus,
  noisyCorpus,
  readDocuments,
  streamChunks,
} from '@glassbox/model/data';
import type { Progress } from '@glassbox/model/run';

export type DataSource = 'brown' | 'brown-noisy';

export type CurateInput =
  | { source: DataSource; seed: number }
  | { files: File[]; seed: number; textField?: string };

export interface DataJobs {
  'data-curate': { input: CurateInput; output: DataStats };
}

interface Input {
  name: string;
  size: number;
  chunks: () => ByteChunks;
}

async function inputsOf(input: CurateInput): Promise<Input[]> {
  if ('files' in input)
    return input.files.map((f) => ({ name: f.name, size: f.size, chunks: () => streamChunks(f.stream()) }));
  const docs = await fetchBrownCorpus();
  const enc = new TextEncoder();
  const files =
    input.source === 'brown-noisy'
      ? noisyCorpus(docs, { seed: input.seed })
      : [{ name: 'brown.jsonl', text: docs.map((d) => JSON.stringify(d)).join('\n') }];
  return files.map((f) => {
    const bytes = enc.encode(f.text);
    return { name: f.name, size: bytes.length, chunks: () => [bytes] };
  });
}

async function* counted(chunks: ByteChunks, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const c of chunks) {
    onBytes(c.length);
    yield c;
  }
}

export const dataHandlers = {
  'data-curate': async (input: CurateInput, progress: (p: Progress) => void): Promise<DataStats> => {
    progress({ stage: 'load', done: 0, message: 'loading the input' });
    const inputs = await inputsOf(input);
    const total = inputs.reduce((n, i) => n + i.size, 0);
    const curator = new Curator(
      inputs.map((i) => i.name),
      { minhash: { seed: input.seed } },
    );
    let done = 0;
    let last = 0;
    const opts = 'files' in input ? { textField: input.textField } : {};
    for (const i of inputs) {
      const chunks = counted(i.chunks(), (n) => {
        done += n;
      });
      for await (const item of readDocuments(i.name, chunks, opts)) {
        curator.push(item);
        if (Date.now() - last > 100) {
          last = Date.now();
          progress({ stage: 'curate', done, total, metrics: curator.counts() });
        }
      }
    }
    progress({ stage: 'curate', done: total, total, metrics: curator.counts() });
    return curator.stats();
  },
};
