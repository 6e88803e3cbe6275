// The page's side of the worker: run(job, input, onProgress) returns a promise of the output.
// One worker for the app, started on first use.

import type { Progress } from '@glassbox/model/run';
import type { JobName, Jobs, Reply } from './protocol';

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<
  number,
  { resolve: (v: unknown) => void; reject: (e: Error) => void; onProgress?: (p: Progress) => void }
>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./glassbox.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<Reply>) => {
      const reply = event.data;
      const entry = pending.get(reply.id);
      if (!entry) return;
      if (reply.kind === 'progress') entry.onProgress?.(reply.progress);
      else {
        pending.delete(reply.id);
        if (reply.kind === 'result') entry.resolve(reply.output);
        else entry.reject(new Error(reply.message));
      }
    };
    worker.onerror = (event) => {
      for (const entry of pending.values()) entry.reject(new Error(`worker failed: ${event.message}`));
      pending.clear();
    };
  }
  return worker;
}

export function run<K extends JobName>(
  job: K,
  input: Jobs[K]['input'],
  onProgress?: (p: Progress) => void,
): Promise<Jobs[K]['output']> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
    getWorker().postMessage({ id, job, input });
  });
}
