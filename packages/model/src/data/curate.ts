// The curation pipeline, one document at a time: read → URL filter → extract → normalize →
// language → Gopher repetition → Gopher quality → C4 → FineWeb → exact dedup → MinHash dedup.
// push() takes each document (or read problem, or skipped record) as it streams in and says at
// once whether it is kept or removed and why, so input larger than memory flows through; stats()
// summarises the run. The stages that look at one document alone are judge.ts; a caller that
// judges documents elsewhere (worker threads) hands the judgements to accept() in input order.
// Browser-safe; writing files is node/data-prepare.ts.

import { ExactDedup } from './dedup/exact.js';
import { lshThreshold, MINHASH_DEFAULTS, type MinHashConfig, MinHashDedup } from './dedup/minhash.js';
import {
  type CurationNotes,
  type DocumentMeta,
  isReadIssue,
  isReadSkip,
  type ReadIssue,
  type ReadItem,
  type Rejection,
  type Removal,
  STAGES,
  type Stage,
} from './document.js';
import { type ExtractOptions, loadExtractor } from './extract.js';
import { type FilterConfig, type FilterOverrides, filterConfig } from './filters/index.js';
import { type JudgeConfig, type Judgement, judgeDocument } from './judge.js';
import { LANGUAGE_DEFAULTS, type LanguageFilterConfig, type LanguageIdentifier } from './language.js';
import type { DataStats, RemovedExample, StageStats } from './stats.js';
import { EXAMPLE_URL_BLOCKLIST, parseUrlBlockList, type UrlBlockList } from './url-filter.js';

export interface CurateOptions {
  filters?: FilterOverrides;
  /** Blocked domains and URL words; default the small example list; false skips the stage. */
  urlBlockList?: UrlBlockList | false;
  /** Main-content extraction of web pages (default on); false reads pages with the simple extractor. */
  extract?: ExtractOptions | false;
  /** A loaded language model and what to keep (English, 0.65 by default); without it, no language stage. */
  language?: (Partial<LanguageFilterConfig> & { model: LanguageIdentifier }) | false;
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
  url?: string;
  meta?: DocumentMeta;
  curation?: CurationNotes;
}

export type CurateResult =
  | { kind: 'kept'; doc: CleanDocument }
  | { kind: 'removed'; removal: Removal }
  | { kind: 'issue'; issue: ReadIssue }
  | { kind: 'skip' };

const EXCERPT = 400;
const MAX_ISSUES = 200;

/** The judge's settings for given options (the URL list and filters resolved, defaults applied). */
export function judgeConfig(opts: CurateOptions): JudgeConfig {
  const lang = opts.language;
  return {
    filters: filterConfig(opts.filters),
    urlBlockList:
      opts.urlBlockList === false
        ? undefined
        : (opts.urlBlockList ?? parseUrlBlockList(EXAMPLE_URL_BLOCKLIST)),
    extract: opts.extract ?? {},
    language: lang ? { ...LANGUAGE_DEFAULTS, ...lang } : false,
  };
}

export class Curator {
  readonly filters: FilterConfig;
  readonly minhash: MinHashConfig | false;
  readonly judge: JudgeConfig;
  private readonly exact?: ExactDedup;
  private readonly near?: MinHashDedup;
  private readonly stages = new Map<Stage, StageStats>();
  private readonly examples: RemovedExample[] = [];
  private readonly perReason = new Map<string, number>();
  private readonly issues: DataStats['issues'] = { count: 0, byReason: {}, first: [] };
  private readonly skipped: Record<string, number> = {};
  private exactDuplicates = 0;
  private removedCount = 0;
  private kept = { documents: 0, bytes: 0 };
  private readonly started = Date.now();

  constructor(
    readonly inputs: string[],
    private readonly opts: CurateOptions = {},
  ) {
    this.judge = judgeConfig(opts);
    this.filters = this.judge.filters;
    this.minhash = opts.minhash === false ? false : { ...MINHASH_DEFAULTS, ...opts.minhash };
    if (opts.exactDedup !== false) this.exact = new ExactDedup();
    if (this.minhash) this.near = new MinHashDedup(this.minhash);
    for (const stage of STAGES)
      this.stages.set(stage, {
        stage,
        docsIn: 0,
        docsOut: 0,
        bytesIn: 0,
        bytesOut: 0,
        removed: {},
        seconds: 0,
      });
  }

  /** A curator with the main-content extractor loaded (needed for web pages unless extract is false). */
  static async create(inputs: string[], opts: CurateOptions = {}): Promise<Curator> {
    if (opts.extract !== false) await loadExtractor();
    return new Curator(inputs, opts);
  }

  push(item: ReadItem): CurateResult {
    if (isReadIssue(item)) return this.issue(item);
    if (isReadSkip(item)) {
      this.skipped[item.reason] = (this.skipped[item.reason] ?? 0) + 1;
      return { kind: 'skip' };
    }
    return this.accept(judgeDocument(item, this.judge));
  }

  /** Accounts for a document judged elsewhere, then deduplicates it. Call in input order. */
  accept(j: Judgement): CurateResult {
    const item = j.doc;
    this.pass('read', j.rawBytes, j.rawBytes, 0);
    for (const p of j.passed) this.pass(p.stage, p.bytesIn, p.bytesOut, p.ms);
    const c4 = this.stages.get('c4')!;
    for (const [rule, n] of Object.entries(j.linesRemoved))
      c4.linesRemoved = { ...c4.linesRemoved, [rule]: (c4.linesRemoved?.[rule] ?? 0) + n };
    if (j.curation.extractor) this.count('extract', j.curation.extractor);
    if (j.curation.language) this.count('language', j.curation.language);
    if (j.removed) {
      const r = j.removed;
      return this.remove(j, r.stage, r.bytesIn, r.rejection, undefined, r.ms);
    }
    const bytes = j.passed.at(-1)?.bytesOut ?? j.rawBytes;

    let t = performance.now();
    const duplicateOf = this.exact?.check(item.id, j.text);
    if (duplicateOf !== undefined) {
      this.exactDuplicates++;
      const ms = performance.now() - t;
      const rejection = { reason: 'exact_duplicate', value: 1, threshold: 0, detail: 'identical' };
      return this.remove(j, 'exact_dedup', bytes, rejection, duplicateOf, ms);
    }
    if (this.exact) this.pass('exact_dedup', bytes, bytes, performance.now() - t);

    t = performance.now();
    const near = this.near?.check(item.id, j.text);
    if (near && this.minhash) {
      const rejection = {
        reason: 'near_duplicate',
        value: near.similarity,
        threshold: lshThreshold(this.minhash),
      };
      return this.remove(j, 'minhash_dedup', bytes, rejection, near.duplicateOf, performance.now() - t);
    }
    if (this.near) this.pass('minhash_dedup', bytes, bytes, performance.now() - t);

    this.kept.documents++;
    this.kept.bytes += bytes;
    return { kind: 'kept', doc: cleanDocument(j) };
  }

  /** Running totals, cheap enough to call per document. */
  counts(): { kept: number; removed: number; issues: number } {
    return { kept: this.kept.documents, removed: this.removedCount, issues: this.issues.count };
  }

  stats(): DataStats {
    const clusters = [...(this.near?.clusters ?? new Map<string, string[]>())];
    clusters.sort((a, b) => b[1].length - a[1].length);
    const lang = this.judge.language;
    return {
      format: 'glassbox-data-stats',
      version: 1,
      inputs: this.inputs,
      stages: [...this.stages.values()]
        .filter((s) => s.docsIn > 0 || s.stage === 'read')
        .map((s) => ({ ...s, seconds: Math.round((s.seconds ?? 0) * 1e4) / 1e4 })),
      issues: this.issues,
      skipped: { ...this.skipped },
      dedup: {
        exactDuplicates: this.exactDuplicates,
        nearDuplicates: clusters.reduce((n, c) => n + c[1].length, 0),
        clusters: clusters.length,
        largestClusters: clusters.slice(0, 20).map(([kept, removed]) => ({ kept, removed })),
      },
      examples: this.examples,
      output: { ...this.kept },
      config: {
        filters: this.filters,
        urlBlockList: this.judge.urlBlockList
          ? { domains: this.judge.urlBlockList.domains.size, words: this.judge.urlBlockList.words.size }
          : false,
        extract: this.judge.extract,
        language: lang
          ? { model: lang.model.name, languages: lang.languages, threshold: lang.threshold }
          : false,
        exactDedup: !!this.exact,
        minhash: this.minhash,
      },
      seconds: (Date.now() - this.started) / 1000,
    };
  }

  private pass(stage: Stage, bytesIn: number, bytesOut: number, ms: number): void {
    const s = this.stages.get(stage)!;
    s.docsIn++;
    s.docsOut++;
    s.bytesIn += bytesIn;
    s.bytesOut += bytesOut;
    s.seconds! += ms / 1000;
  }

  private count(stage: Stage, key: string): void {
    const s = this.stages.get(stage)!;
    s.counts ??= {};
    s.counts[key] = (s.counts[key] ?? 0) + 1;
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
    j: Judgement,
    stage: Stage,
    bytesIn: number,
    r: Rejection,
    duplicateOf: string | undefined,
    ms: number,
  ): CurateResult {
    const s = this.stages.get(stage)!;
    s.docsIn++;
    s.bytesIn += bytesIn;
    s.seconds! += ms / 1000;
    s.removed[r.reason] = (s.removed[r.reason] ?? 0) + 1;
    this.removedCount++;
    const { id, source, url, meta } = j.doc;
    const removal: Removal = {
      id,
      source,
      stage,
      ...r,
      duplicateOf,
      text: j.text,
      url,
      meta,
      curation: notes(j),
    };
    const seen = this.perReason.get(r.reason) ?? 0;
    if (seen < (this.opts.examplesPerReason ?? 3)) {
      this.perReason.set(r.reason, seen + 1);
      const { text, meta: _, ...rest } = removal;
      this.examples.push({ ...rest, excerpt: text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text });
    }
    return { kind: 'removed', removal };
  }
}

const notes = (j: Judgement): CurationNotes | undefined =>
  Object.keys(j.curation).length > 0 ? j.curation : undefined;

function cleanDocument(j: Judgement): CleanDocument {
  const { id, source, url, meta } = j.doc;
  const doc: CleanDocument = { id, source, text: j.text };
  if (url !== undefined) doc.url = url;
  if (meta !== undefined) doc.meta = meta;
  const n = notes(j);
  if (n) doc.curation = n;
  return doc;
}
