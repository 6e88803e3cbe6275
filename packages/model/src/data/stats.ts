// stats.json: what curation did, stage by stage — documents and UTF-8 bytes in and out, removals
// counted by reason, lines C4 dropped, problems met while reading, duplicate clusters, a few
// removed examples per reason (with the measured value and the threshold), and, once written,
// the token shards. The CLI's summary table and the web Data page both read this one object.

import { GlassboxError } from '../util/errors.js';
import type { CurationNotes, ReadIssue, Stage } from './document.js';

export interface StageStats {
  stage: Stage;
  docsIn: number;
  docsOut: number;
  bytesIn: number;
  bytesOut: number;
  /** Documents removed here, by reason (for "read": lines or files skipped, by problem). */
  removed: Record<string, number>;
  /** Lines dropped inside kept or removed documents, by rule (C4 only). */
  linesRemoved?: Record<string, number>;
  /** Documents by what the stage found: extractor used (extract), top language (language). */
  counts?: Record<string, number>;
  /** Time spent in the stage (its share of the work; reading and writing files not included). */
  seconds?: number;
}

export interface RemovedExample {
  id: string;
  source: string;
  stage: Stage;
  reason: string;
  value: number;
  threshold: number;
  detail?: string;
  duplicateOf?: string;
  url?: string;
  curation?: CurationNotes;
  /** The start of the removed text. */
  excerpt: string;
}

export interface ShardSummary {
  file: string;
  documents: number;
  tokens: number;
}

export interface DataStats {
  format: 'glassbox-data-stats';
  version: 1;
  inputs: string[];
  stages: StageStats[];
  issues: { count: number; byReason: Record<string, number>; first: ReadIssue[] };
  /** Records read and passed over on purpose (WARC requests, images, metadata), by reason. */
  skipped?: Record<string, number>;
  /** The input files as read: their bytes on disk (compressed, if they are), for MB/s of input. */
  input?: { files: number; bytes: number };
  /** Peak resident memory of the process during the run (Node), in bytes. */
  peakMemory?: number;
  dedup: {
    exactDuplicates: number;
    nearDuplicates: number;
    /** Near-duplicate clusters (a kept document and the ones removed as its copies). */
    clusters: number;
    largestClusters: { kept: string; removed: string[] }[];
  };
  examples: RemovedExample[];
  output: {
    documents: number;
    bytes: number;
    /** file: tokenizer.json in the output folder; from: the --tokenizer it was made from. */
    tokenizer?: { kind: string; vocabSize: number; hash: string; file?: string; from?: string };
    train?: ShardSummary;
    validation?: ShardSummary;
    valFraction?: number;
    seed?: number;
  };
  /** Options the run used (filters, dedup settings), for reproducing it. */
  config: Record<string, unknown>;
  seconds: number;
}

/** A stats object, checked enough that a wrong file fails with a message. */
export function parseDataStats(json: unknown, where = 'stats.json'): DataStats {
  const s = json as Partial<DataStats> | null;
  if (s?.format !== 'glassbox-data-stats' || !Array.isArray(s.stages))
    throw new GlassboxError('not a glassbox stats.json (expected "format": "glassbox-data-stats")', where);
  return s as DataStats;
}

/** Every removal reason with its stage and count, in pipeline order, largest first within a stage. */
export function reasonCounts(stats: DataStats): { stage: Stage; reason: string; count: number }[] {
  return stats.stages.flatMap((st) =>
    Object.entries(st.removed)
      .sort((a, b) => b[1] - a[1])
      .map(([reason, count]) => ({ stage: st.stage, reason, count })),
  );
}
