// The page's side of the worker: run(job, input, onEvent) returns a promise of the output, or
// rejects with a JobError whose message names a setting by its control's label
// (components/field-labels.ts). One worker for the app, started on first use.

import { jobError } from './error-reply';
import type { JobEvent, JobName, Jobs, Reply } from './protocol';

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<
  number,
  { resolve: (v: unknown) => void; reject: (e: Error) => void; onEvent?: (e: never) => void }
>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./glassbox.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<Reply>) => {
      const reply = event.data;
      const entry = pending.get(reply.id);
      if (!entry) return;
      if (reply.kind === 'event') entry.onEvent?.(reply.event as never);
      else {
        pending.delete(reply.id);
        if (reply.kind === 'result') entry.resolve(reply.output);
        else entry.reject(jobError(reply));
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
  onEvent?: (e: JobEvent<K>) => void,
): Promise<Jobs[K]['output']> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onEvent });
    getWorker().postMessage({ id, job, input });
  });
}
