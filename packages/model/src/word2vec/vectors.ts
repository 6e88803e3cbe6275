// Word vectors and what one asks of them: cosine similarity, nearest neighbours, analogies
// (3CosAdd and 3CosMul: a is to b as c is to ?) and the odd one out. They come from word2vec, a
// word2vec file, or any embedding matrix with its vocabulary (a GPT checkpoint's wte).
// Queries run over unit-length copies of the rows, computed once. Plain loops: one query over
// 50,000 × 768 takes tens of milliseconds; batched evaluation uses the wasm matmul (evaluate.ts).
// Does not handle: approximate search indexes, vocabularies with duplicate words.

import { GlassboxError } from '../util/errors.js';
import { closeSpellings } from './spelling.js';

export interface Neighbour {
  word: string;
  id: number;
  similarity: number;
}

export class WordVectors {
  readonly index: Map<string, number>;
  private unitRows?: Float32Array;

  /** data: (words.length, dim) row-major. */
  constructor(
    readonly words: readonly string[],
    readonly dim: number,
    readonly data: Float32Array,
  ) {
    if (!Number.isInteger(dim) || dim < 1) throw new GlassboxError(`vector size must be ≥ 1, got ${dim}`);
    if (data.length !== words.length * dim) {
      throw new GlassboxError(
        `${words.length} words × ${dim} dimensions need ${words.length * dim} numbers, got ${data.length}`,
      );
    }
    this.index = new Map(words.map((w, i) => [w, i]));
    if (this.index.size !== words.length) throw new GlassboxError('the vocabulary lists a word twice');
  }

  /** From an embedding matrix and its vocabulary, e.g. a GPT checkpoint's wte (vocab, C). */
  static fromMatrix(matrix: Float32Array, vocabulary: readonly string[]): WordVectors {
    if (vocabulary.length === 0 || matrix.length % vocabulary.length !== 0) {
      throw new GlassboxError(
        `an embedding matrix of ${matrix.length} numbers does not split into ${vocabulary.length} rows`,
      );
    }
    return new WordVectors(vocabulary, matrix.length / vocabulary.length, matrix);
  }

  get size(): number {
    return this.words.length;
  }

  has(word: string): boolean {
    return this.index.has(word);
  }

  /** The id of a word, or a GlassboxError naming close spellings from the vocabulary. */
  id(word: string): number {
    const id = this.index.get(word);
    if (id === undefined) {
      const close = closeSpellings(word, this.words, 5);
      throw new GlassboxError(
        `"${word}" is not in the vocabulary of ${this.size} words` +
          (close.length ? `; did you mean ${close.map((w) => `"${w}"`).join(', ')}?` : ''),
      );
    }
    return id;
  }

  /** The vector of a word (a view, not a copy). */
  vector(word: string | number): Float32Array {
    const id = typeof word === 'number' ? word : this.id(word);
    return this.data.subarray(id * this.dim, (id + 1) * this.dim);
  }

  /** Rows scaled to unit length (zero rows stay zero), computed once. */
  unit(): Float32Array {
    if (!this.unitRows) {
      const out = new Float32Array(this.data.length);
      for (let r = 0; r < this.size; r++) {
        const o = r * this.dim;
        let ss = 0;
        for (let k = 0; k < this.dim; k++) ss += this.data[o + k] ** 2;
        const inv = ss > 0 ? 1 / Math.sqrt(ss) : 0;
        for (let k = 0; k < this.dim; k++) out[o + k] = this.data[o + k] * inv;
      }
      this.unitRows = out;
    }
    return this.unitRows;
  }

  similarity(a: string, b: string): number {
    return dotRows(this.unit(), this.id(a) * this.dim, this.unit(), this.id(b) * this.dim, this.dim);
  }

  /** Cosine similarity of a query vector to every word: (size). */
  cosines(query: ArrayLike<number>): Float32Array {
    const u = this.unit();
    let ss = 0;
    for (let k = 0; k < this.dim; k++) ss += query[k] ** 2;
    const q = Float32Array.from({ length: this.dim }, (_, k) => (ss > 0 ? query[k] / Math.sqrt(ss) : 0));
    const out = new Float32Array(this.size);
    for (let r = 0; r < this.size; r++) out[r] = dotRows(u, r * this.dim, q, 0, this.dim);
    return out;
  }

  /** The n words most similar to a word (excluding itself) or to a vector. */
  nearest(query: string | ArrayLike<number>, n = 10): Neighbour[] {
    if (typeof query === 'string') {
      const id = this.id(query);
      return this.top(this.cosines(this.vector(id)), n, new Set([id]));
    }
    return this.top(this.cosines(query), n, new Set());
  }

  /** a is to b as c is to ? — 3CosAdd (b − a + c) or 3CosMul (Levy & Goldberg 2014). */
  analogy(
    a: string,
    b: string,
    c: string,
    options: { method?: 'add' | 'mul'; n?: number } = {},
  ): Neighbour[] {
    const { method = 'add', n = 5 } = options;
    const ids = [this.id(a), this.id(b), this.id(c)];
    const [ca, cb, cc] = ids.map((id) => this.cosines(this.vector(id)));
    return this.top(combineAnalogy(ca, cb, cc, method), n, new Set(ids));
  }

  /** The word that fits least: lowest cosine to the mean of the unit vectors (gensim's doesnt_match). */
  oddOneOut(words: readonly string[]): { word: string; similarities: Record<string, number> } {
    if (words.length < 3) throw new GlassboxError('the odd one out needs at least three words');
    const u = this.unit();
    const ids = words.map((w) => this.id(w));
    const mean = new Float32Array(this.dim);
    for (const id of ids) for (let k = 0; k < this.dim; k++) mean[k] += u[id * this.dim + k] / ids.length;
    const all = this.cosines(mean);
    const similarities = Object.fromEntries(words.map((w, i) => [w, all[ids[i]]]));
    const word = words.reduce((lo, w) => (similarities[w] < similarities[lo] ? w : lo));
    return { word, similarities };
  }

  /** The n best scores, skipping the given ids; ties keep the lower id first. */
  top(scores: ArrayLike<number>, n: number, skip: ReadonlySet<number>): Neighbour[] {
    const best: number[] = [];
    for (let i = 0; i < scores.length; i++) {
      if (skip.has(i) || Number.isNaN(scores[i])) continue;
      if (best.length === n && scores[i] <= scores[best[n - 1]]) continue;
      let at = best.length;
      while (at > 0 && scores[best[at - 1]] < scores[i]) at--;
      best.splice(at, 0, i);
      if (best.length > n) best.pop();
    }
    return best.map((id) => ({ word: this.words[id], id, similarity: scores[id] }));
  }
}

/** Combines the cosines to a, b and c into analogy scores for every word. */
export function combineAnalogy(
  ca: ArrayLike<number>,
  cb: ArrayLike<number>,
  cc: ArrayLike<number>,
  method: 'add' | 'mul',
): Float32Array {
  const out = new Float32Array(ca.length);
  for (let i = 0; i < out.length; i++) {
    if (method === 'add') out[i] = cb[i] - ca[i] + cc[i];
    else out[i] = (((cb[i] + 1) / 2) * ((cc[i] + 1) / 2)) / ((ca[i] + 1) / 2 + 1e-3);
  }
  return out;
}

function dotRows(a: Float32Array, ao: number, b: Float32Array, bo: number, n: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += a[ao + k] * b[bo + k];
  return s;
}
