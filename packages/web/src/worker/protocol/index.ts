// The messages between the page and the glassbox worker. Each request names a job and carries
// its input; the worker answers with events (the job's own type, or Progress) and then one result
// or one error.
//
// The one rule for worker code: a feature's job types live in worker/protocol/<feature>.ts (an
// interface `<Feature>Jobs`, joined into `Jobs` below) and its handlers in
// worker/jobs/<feature>.ts (spread into glassbox.worker.ts's table). Job names are camelCase,
// feature first: `tokensEncode`, `finetuneRun`, `trainStart`. Pages call jobs through
// worker/client.ts `run()` or the `useJob` hook (components/use-job.ts), never the worker directly.

import type { SelfCheckRow } from '@glassbox/core-wasm';
import type { ErrorField } from '@glassbox/model';
import type { Progress } from '@glassbox/model/run';
import type { DataJobs } from './data';
import type { EmbeddingJobs } from './embeddings';
import type { ExplorerJobs } from './explorer';
import type { FinetuneJobs } from './finetune';
import type { TokenJobs } from './tokens';
import type { TourJobs } from './tour';

export interface Jobs extends DataJobs, TokenJobs, ExplorerJobs, EmbeddingJobs, FinetuneJobs, TourJobs {
  selfcheck: { input: { seed: number }; output: SelfCheckRow[] };
}

export type JobName = keyof Jobs;

/** What a job reports while it runs: its own `event` type when it declares one, else Progress. */
export type JobEvent<K extends JobName> = Jobs[K] extends { event: infer E } ? E : Progress;

export type Request = { [K in JobName]: { id: number; job: K; input: Jobs[K]['input'] } }[JobName];

export type Reply =
  | { id: number; kind: 'event'; event: unknown }
  | { id: number; kind: 'result'; output: unknown }
  | {
      id: number;
      kind: 'error';
      message: string;
      userError: boolean;
      /** A GlassboxError about a setting: which one, and the message without the setting's name. */
      field?: ErrorField;
      detail?: string;
    };
