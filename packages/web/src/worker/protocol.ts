// The messages between the page and the glassbox worker. Each request names a job and carries
// its input; the worker answers with events (the job's own type, or Progress) and then one result
// or one error. Adding a
// job = one entry in `Jobs` and one handler in glassbox.worker.ts.

import type { SelfCheckRow } from '@glassbox/core-wasm';
import type { Progress } from '@glassbox/model/run';
import type { DataJobs } from '../pages/data/jobs';
import type { EmbeddingJobs } from '../pages/embeddings/jobs';
import type { FinetuneJobs } from '../pages/finetune/protocol';
import type { TokenJobs } from '../pages/tokens/jobs';
import type { ExplorerJobs } from './jobs/explorer-protocol';

export interface Jobs extends DataJobs, TokenJobs, ExplorerJobs, EmbeddingJobs, FinetuneJobs {
  selfcheck: { input: { seed: number }; output: SelfCheckRow[] };
}

export type JobName = keyof Jobs;

/** What a job reports while it runs: its own `event` type when it declares one, else Progress. */
export type JobEvent<K extends JobName> = Jobs[K] extends { event: infer E } ? E : Progress;

export type Request = { [K in JobName]: { id: number; job: K; input: Jobs[K]['input'] } }[JobName];

export type Reply =
  | { id: number; kind: 'event'; event: unknown }
  | { id: number; kind: 'result'; output: unknown }
  | { id: number; kind: 'error'; message: string; userError: boolean };
