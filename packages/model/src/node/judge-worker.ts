// A worker thread of the judge pool (judge-pool.ts): builds the judge's settings once (its own
// language model included), then judges each batch of documents it is sent and posts the
// judgements back without the documents' text (the main thread still holds it).

import { parentPort, workerData } from 'node:worker_threads';
import type { RawDocument } from '../data/document.js';
import { type Judgement, judgeDocument } from '../data/judge.js';
import type { JudgeBatch, JudgeWorkerInit } from './judge-pool.js';
import { judgeConfigFor } from './judge-pool.js';

const init = workerData as JudgeWorkerInit;
const cfg = await judgeConfigFor(init);
const port = parentPort!;
port.on('message', (batch: JudgeBatch) => {
  const judgements: Judgement[] = batch.docs.map((doc: RawDocument) => ({
    ...judgeDocument(doc, cfg),
    doc: { ...doc, text: '' },
  }));
  port.postMessage({ seq: batch.seq, judgements });
});
port.postMessage({ ready: true });
