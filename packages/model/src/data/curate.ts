// The curation pipeline, one document at a time: read → normalize → Gopher repetition → Gopher
// quality → C4 → FineWeb → exact dedup → MinHash dedup. push() takes each document (or read
// problem) as it streams in and says at once whether it is kept or removed and why, so input
// larger than memory flows through; stats() summarises the run. Browser-safe; writing files is
// node/data-prepare.ts.

import { utf8Length } from '../tokenizer/utf8.js';
import { ExactDedup } from './dedup/exact.js';
import { lshThreshold, MINHASH_DEFAULTS, type MinHashConfig, MinHashDedup } from './dedup/minhash.js';
import {
  isReadIssue,
  type RawDocument,
  type ReadIssue,
  type Rejection,
  type Removal,
  STAGES,
  type Stage,
} from './document.js';
import { type FilterConfig, type FilterOverrides, filterConfig, runFilters } from './filters/index.js';
import { normalizeText } from './normalize.js';
import type { DataStats, RemovedExample, StageStats } from './stats.js';

export interface CurateOptions {
  filters?: FilterOverrides;
  exactDedup?: boolean;
  /** MinHash settings (seed included), or false to skip near-duplicate removal. */
  minhash?: Partial<MinHashConfig> | false;
  /** Removed examples kept per reason for the report. Default 3. */
  examplesPerReason?: number;
}

export interface CleanDocument {
  id: string;
  source: string;
  text: string;
}

export type CurateResult =
  | { kind: 'kept'; doc: CleanDocument }
  | { kind: 'removed'; removal: Removal }
  | { kind: 'issue'; issue: ReadIssue };

const EXCERPT = 400;
const MAX_ISSUES = 200;

export class Curator {
  readonly filters: FilterConfig;
  readonly minhash: MinHashConfig | false;
  private readonly exact?: ExactDedup;
  private readonly near?: MinHashDedup;
  private readonly stages = new Map<Stage, StageStats>();
  private readonly examples: RemovedExample[] = [];
  private readonly perReason = new Map<string, number>();
  private readonly issues: DataStats['issues'] = { count: 0, byReason: {}, first: [] };
  private exactDuplicates = 0;
  private removedCount = 0;
  private kept = { documents: 0, bytes: 0 };
  private readonly started = Date.now();

  constructor(
    readonly inputs: string[],
    private readonly opts: CurateOptions = {},
  ) {
    this.filters = filterConfig(opts.filters);
    this.minhash = opts.minhash === false ? false : { ...MINHASH_DEFAULTS, ...opts.minhash };
    if (opts.exactDedup !== false) this.exact = new ExactDedup();
    if (this.minhash) this.near = new MinHashDedup(this.minhash);
    for (const stage of STAGES)
      this.stages.set(stage, { stage, docsIn: 0, docsOut: 0, bytesIn: 0, bytesOut: 0, removed: {} });
  }

  push(item: RawDocument | ReadIssue): CurateResult {
    if (isReadIssue(item)) return this.issue(item);
    const rawBytes = utf8Length(item.text);
    this.pass('read', rawBytes, rawBytes);

    const text = normalizeText(item.text);
    let bytes = utf8Length(text);
    if (text === '')
      return this.remove(item, 'normalize', rawBytes, text, { reason: 'empty', value: 0, threshold: 1 });
    this.pass('normalize', rawBytes, bytes);

    const f = runFilters(text, this.filters);
    const c4 = this.stages.get('c4')!;
    for (const [rule, n] of Object.entries(f.linesRemoved))
      c4.linesRemoved = { ...c4.linesRemoved, [rule]: (c4.linesRemoved?.[rule] ?? 0) + n };
    for (const p of f.passed) {
      const out = p.text === text ? bytes : utf8Length(p.text);
      this.pass(p.stage, bytes, out);
      bytes = out;
    }
    if (f.removed) return this.remove(item, f.removed.stage, bytes, text, f.removed.rejection);

    const duplicateOf = this.exact?.check(item.id, f.text);
    if (duplicateOf !== undefined) {
      this.exactDuplicates++;
      return this.remove(
        item,
        'exact_dedup',
        bytes,
        f.text,
        { reason: 'exact_duplicate', value: 1, threshold: 0, detail: 'identical' },
        duplicateOf,
      );
    }
    if (this.exact) this.pass('exact_dedup', bytes, bytes);

    const near = this.near?.check(item.id, f.text);
    if (near && this.minhash) {
      const rejection = {
        reason: 'near_duplicate',
        value: near.similarity,
        threshold: lshThreshold(this.minhash),
      };
      return this.remove(item, 'minhash_dedup', bytes, f.text, rejection, near.duplicateOf);
    }
    if (this.near) this.pass('minhash_dedup', bytes, bytes);

    this.kept.documents++;
    this.kept.bytes += bytes;
    return { kind: 'kept', doc: { id: item.id, source: item.source, text: f.text } };
  }

  /** Running totals, cheap enough to call per document. */
  counts(): { kept: number; removed: number; issues: number } {
    return { kept: this.kept.documents, removed: this.removedCount, issues: this.issues.count };
  }

  stats(): DataStats {
    const clusters = [...(this.near?.clusters ?? new Map<string, string[]>())];
    clusters.sort((a, b) => b[1].length - a[1].length);
    return {
      format: 'glassbox-data-stats',
      version: 1,
      inputs: this.inputs,
      stages: [...this.stages.values()].filter((s) => s.docsIn > 0 || s.stage === 'read'),
      issues: this.issues,
      dedup: {
        exactDuplicates: this.exactDuplicates,
        nearDuplicates: clusters.reduce((n, c) => n + c[1].length, 0),
        clusters: clusters.length,
        largestClusters: clusters.slice(0, 20).map(([kept, removed]) => ({ kept, removed })),
      },
      examples: this.examples,
      output: { ...this.kept },
      config: { filters: this.filters, exactDedup: !!this.exact, minhash: this.minhash },
      seconds: (Date.now() - this.started) / 1000,
    };
  }

  private pass(stage: Stage, bytesIn: number, bytesOut: number): void {
    const s = this.stages.get(stage)!;
    s.docsIn++;
    s.docsOut++;
    s.bytesIn += bytesIn;
    s.bytesOut += bytesOut;
  }

  private issue(item: ReadIssue): CurateResult {
    this.issues.count++;
    this.issues.byReason[item.reason] = (this.issues.byReason[item.reason] ?? 0) + 1;
    if (this.issues.first.length < MAX_ISSUES) this.issues.first.push(item);
    const read = this.stages.get('read')!;
    read.docsIn++;
    read.removed[item.reason] = (read.removed[item.reason] ?? 0) + 1;
    return { kind: 'issue', issue: item };
  }

  private remove(
    doc: RawDocument,
    stage: Stage,
    bytesIn: number,
    text: string,
    r: Rejection,
    duplicateOf?: string,
  ): CurateResult {
    const s = this.stages.get(stage)!;
    s.docsIn++;
    s.bytesIn += bytesIn;
    s.removed[r.reason] = (s.removed[r.reason] ?? 0) + 1;
    this.removedCount++;
    const removal: Removal = { id: doc.id, source: doc.source, stage, ...r, duplicateOf, text };
    const seen = this.perReason.get(r.reason) ?? 0;
    if (seen < (this.opts.examplesPerReason ?? 3)) {
      this.perReason.set(r.reason, seen + 1);
      const { text: _, ...rest } = removal;
      this.examples.push({ ...rest, excerpt: text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text });
    }
    return { kind: 'removed', removal };
  }
}
