// Judging documents on several cores: the stages that look at one document alone (URL filter,
// extraction, normalization, language, quality filters: data/judge.ts) run in worker threads, in
// batches, while the main thread reads the input, deduplicates and writes, taking the judgements
// back in input order — so the output is the same bytes whatever the number of threads. Batches
// in flight are bounded (two per worker), so memory stays bounded too. Each worker loads its own
// language model (about 70 MB).

import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { RawDocument } from '../data/document.js';
import { type ExtractOptions, loadExtractor } from '../data/extract.js';
import type { FilterConfig } from '../data/filters/index.js';
import type { JudgeConfig, Judgement } from '../data/judge.js';
import type { LanguageFilterConfig } from '../data/language.js';
import { nodeLanguageModel } from './language.js';

/** The judge's settings in a form that crosses to a worker (no model, lists as arrays). */
export interface JudgeWorkerInit {
  filters: FilterConfig;
  urlBlockList?: { domains: string[]; words: string[] };
  extract?: ExtractOptions | false;
  language: (LanguageFilterConfig & { modelPath?: string }) | false;
}

export interface JudgeBatch {
  seq: number;
  docs: RawDocument[];
}

export function workerInit(cfg: JudgeConfig, modelPath?: string): JudgeWorkerInit {
  const { model: _, ...language } = cfg.language || { model: undefined };
  return {
    filters: cfg.filters,
    urlBlockList: cfg.urlBlockList && {
      domains: [...cfg.urlBlockList.domains],
      words: [...cfg.urlBlockList.words],
    },
    extract: cfg.extract,
    language: cfg.language ? { ...(language as LanguageFilterConfig), modelPath } : false,
  };
}

export async function judgeConfigFor(init: JudgeWorkerInit): Promise<JudgeConfig> {
  if (init.extract !== false) await loadExtractor();
  return {
    filters: init.filters,
    urlBlockList: init.urlBlockList && {
      domains: new Set(init.urlBlockList.domains),
      words: new Set(init.urlBlockList.words),
    },
    extract: init.extract,
    language: init.language
      ? {
          languages: init.language.languages,
          threshold: init.language.threshold,
          model: await nodeLanguageModel(init.language.modelPath),
        }
      : false,
  };
}

const BATCH_DOCS = 16;
const BATCH_BYTES = 1 << 20;

/** Worker threads judging batches of documents; results come back in the order sent. */
export class JudgePool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting = new Map<number, RawDocument[]>();
  private readonly queue: JudgeBatch[] = [];
  private readonly results = new Map<number, Judgement[]>();
  private pending: RawDocument[] = [];
  private pendingBytes = 0;
  private nextSeq = 0;
  private nextOut = 0;
  private failure?: Error;
  private wake?: () => void;

  private constructor(private readonly threads: number) {}

  static async start(threads: number, init: JudgeWorkerInit): Promise<JudgePool> {
    const pool = new JudgePool(threads);
    const url = workerUrl();
    await Promise.all(
      Array.from({ length: threads }, async () => {
        const worker = new Worker(url, { workerData: init });
        await new Promise<void>((resolve, reject) => {
          worker.once('message', () => resolve());
          worker.once('error', reject);
        });
        worker.on('message', (m: { seq: number; judgements: Judgement[] }) => pool.done(worker, m));
        worker.on('error', (e) => pool.fail(e));
        pool.workers.push(worker);
        pool.idle.push(worker);
      }),
    );
    return pool;
  }

  /** Adds a document; returns the judgements now ready, in input order. */
  async add(doc: RawDocument): Promise<Judgement[]> {
    this.pending.push(doc);
    this.pendingBytes += doc.text.length;
    if (this.pending.length >= BATCH_DOCS || this.pendingBytes >= BATCH_BYTES) this.send();
    // Backpressure: at most two batches per worker in flight or queued.
    while (this.nextSeq - this.nextOut > 2 * this.threads && !this.results.has(this.nextOut))
      await this.sleep();
    return this.ready();
  }

  /** Sends what is left and waits for every judgement, in order. */
  async flush(): Promise<Judgement[]> {
    if (this.pending.length > 0) this.send();
    const out: Judgement[] = [];
    while (this.nextOut < this.nextSeq) {
      if (!this.results.has(this.nextOut)) await this.sleep();
      out.push(...this.ready());
    }
    return out;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private send(): void {
    const batch = { seq: this.nextSeq++, docs: this.pending };
    this.pending = [];
    this.pendingBytes = 0;
    this.queue.push(batch);
    this.dispatch();
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const batch = this.queue.shift()!;
      const worker = this.idle.pop()!;
      this.waiting.set(batch.seq, batch.docs);
      worker.postMessage(batch);
    }
  }

  private done(worker: Worker, m: { seq: number; judgements: Judgement[] }): void {
    const docs = this.waiting.get(m.seq)!;
    this.waiting.delete(m.seq);
    // The worker sent the judgements without the documents' text: put the documents back.
    this.results.set(
      m.seq,
      m.judgements.map((j, i) => ({ ...j, doc: docs[i] })),
    );
    this.idle.push(worker);
    this.dispatch();
    this.wake?.();
  }

  private fail(e: Error): void {
    this.failure = e;
    this.wake?.();
  }

  private ready(): Judgement[] {
    if (this.failure) throw this.failure;
    const out: Judgement[] = [];
    for (let r = this.results.get(this.nextOut); r; r = this.results.get(this.nextOut)) {
      this.results.delete(this.nextOut++);
      out.push(...r);
    }
    return out;
  }

  private sleep(): Promise<void> {
    if (this.failure) throw this.failure;
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = undefined;
        resolve();
      };
    });
  }
}

/** The built worker script (from src, as in tests, the one the build wrote to dist). */
function workerUrl(): URL {
  const here = new URL('./judge-worker.js', import.meta.url);
  if (existsSync(here)) return here;
  return new URL('../../dist/node/judge-worker.js', import.meta.url);
}
