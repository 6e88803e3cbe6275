// Scoring word vectors on the standard benchmark files, so anyone can compare their vectors:
// - analogies in the questions-words format (": section" lines, then "a b c d": a is to b as c
//   is to d), answered by 3CosAdd or 3CosMul among the most frequent `restrict` words, excluding
//   the three question words, as gensim's evaluate_word_analogies does;
// - word-pair similarity in the WordSim-353 / SimLex format ("w1<TAB>w2<TAB>score", '#' comments),
//   scored by Spearman's rank correlation (and Pearson's) between the human scores and cosines.
// Questions and pairs with a word outside the vocabulary are skipped and counted. Lookups ignore
// case by default (the most frequent spelling wins). Cosines for analogies come in batches from
// the wasm matmul: a questions-words file is ~20,000 questions against every word.

import { createKernels } from '@glassbox/core-wasm';
import { GlassboxError } from '../util/errors.js';
import { combineAnalogy, type WordVectors } from './vectors.js';

export interface AnalogyReport {
  method: 'add' | 'mul';
  sections: { name: string; correct: number; total: number }[];
  correct: number;
  /** Questions answered (all four words known). */
  total: number;
  /** Questions skipped for an unknown word. */
  skipped: number;
  accuracy: number;
}

export interface PairsReport {
  pairs: number;
  skipped: number;
  spearman: number;
  pearson: number;
}

interface Options {
  /** Only the first (most frequent) `restrict` words are known and can be answers. Default 300,000. */
  restrict?: number;
  caseInsensitive?: boolean;
}

function lookup(v: WordVectors, { restrict = 300_000, caseInsensitive = true }: Options) {
  const n = Math.min(restrict, v.size);
  const map = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = caseInsensitive ? v.words[i].toLowerCase() : v.words[i];
    if (!map.has(key)) map.set(key, i);
  }
  return { n, find: (w: string) => map.get(caseInsensitive ? w.toLowerCase() : w) };
}

export async function evaluateAnalogies(
  v: WordVectors,
  questions: string,
  options: Options & { method?: 'add' | 'mul'; where?: string } = {},
): Promise<AnalogyReport> {
  const { method = 'add', where = 'analogies' } = options;
  const { n, find } = lookup(v, options);
  const sections: AnalogyReport['sections'] = [];
  const todo: { section: number; ids: number[] }[] = [];
  let skipped = 0;
  questions.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    if (line.startsWith(':')) {
      sections.push({ name: line.slice(1).trim(), correct: 0, total: 0 });
      return;
    }
    const words = line.split(/\s+/);
    if (words.length !== 4)
      throw new GlassboxError(`expected 4 words, found ${words.length}`, `${where}:${i + 1}`);
    if (sections.length === 0) sections.push({ name: '(no section)', correct: 0, total: 0 });
    const ids = words.map(find);
    if (ids.some((id) => id === undefined)) skipped++;
    else todo.push({ section: sections.length - 1, ids: ids as number[] });
  });
  const k = await createKernels('wasm');
  const dim = v.dim;
  const unit = k.arena.alloc([n, dim]); // (n, dim)
  unit.data.set(v.unit().subarray(0, n * dim));
  const BATCH = 64;
  const q = k.arena.alloc([3 * BATCH, dim]); // (3B, dim): rows a, b, c of each question
  const cos = k.arena.alloc([3 * BATCH, n]); // (3B, n)
  for (let start = 0; start < todo.length; start += BATCH) {
    const batch = todo.slice(start, start + BATCH);
    batch.forEach((t, b) => {
      t.ids.slice(0, 3).forEach((id, j) => {
        q.data.set(unit.data.subarray(id * dim, (id + 1) * dim), (3 * b + j) * dim);
      });
    });
    k.matmul({ c: cos.ptr, a: q.ptr, b: unit.ptr, m: 3 * batch.length, k: dim, n, transB: true });
    const all = cos.data;
    batch.forEach((t, b) => {
      const row = (j: number) => all.subarray((3 * b + j) * n, (3 * b + j + 1) * n);
      const scores = combineAnalogy(row(0), row(1), row(2), method);
      const [wa, wb, wc, want] = t.ids;
      let best = -1;
      for (let i = 0; i < n; i++) {
        if (i === wa || i === wb || i === wc) continue;
        if (best < 0 || scores[i] > scores[best]) best = i;
      }
      sections[t.section].total++;
      if (best === want) sections[t.section].correct++;
    });
  }
  const correct = sections.reduce((s, x) => s + x.correct, 0);
  const total = sections.reduce((s, x) => s + x.total, 0);
  return { method, sections, correct, total, skipped, accuracy: total ? correct / total : 0 };
}

export function evaluatePairs(
  v: WordVectors,
  pairs: string,
  options: Options & { where?: string } = {},
): PairsReport {
  const { where = 'pairs' } = options;
  const { find } = lookup(v, options);
  const human: number[] = [];
  const model: number[] = [];
  let skipped = 0;
  let first = true;
  pairs.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const isFirst = first;
    first = false;
    const fields = line.split(/\t|,|\s+/);
    const score = fields[2]?.trim() ? Number(fields[2]) : Number.NaN;
    if (fields.length < 3 || !Number.isFinite(score)) {
      // A header line such as "Word 1<TAB>Word 2<TAB>Human (mean)" is allowed as the first line only.
      if (isFirst && fields.length >= 3) return;
      throw new GlassboxError(
        `expected "word1<TAB>word2<TAB>score"; the score ${JSON.stringify(fields[2] ?? '')} is not a number`,
        `${where}:${i + 1}`,
      );
    }
    const [a, b] = [find(fields[0]), find(fields[1])];
    if (a === undefined || b === undefined) {
      skipped++;
      return;
    }
    human.push(score);
    model.push(v.similarity(v.words[a], v.words[b]));
  });
  if (human.length < 2)
    throw new GlassboxError(`only ${human.length} pair(s) with known words; need 2 or more`, where);
  return {
    pairs: human.length,
    skipped,
    spearman: pearson(ranks(human), ranks(model)),
    pearson: pearson(human, model),
  };
}

/** Ranks from 1, ties sharing their mean rank. */
export function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x);
  const out = new Array<number>(xs.length);
  for (let s = 0; s < order.length; ) {
    let e = s;
    while (e + 1 < order.length && order[e + 1].x === order[s].x) e++;
    for (let j = s; j <= e; j++) out[order[j].i] = (s + e) / 2 + 1;
    s = e + 1;
  }
  return out;
}

export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}
