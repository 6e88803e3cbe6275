// The messages between the page and the glassbox worker. Each request names a job and carries
// its input; the worker answers with progress events and then one result or one error. Adding a
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

export type Request = { [K in JobName]: { id: number; job: K; input: Jobs[K]['input'] } }[JobName];

export type Reply =
  | { id: number; kind: 'progress'; progress: Progress }
  | { id: number; kind: 'result'; output: unknown }
  | { id: number; kind: 'error'; message: string; userError: boolean };
