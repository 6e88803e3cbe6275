// The missing word, one example at a time: CBOW's guess for the blank of a context ("the cat sat
// on the ___") and one training step on that single example, with every number the step changes.
//
// The guess: the context vector h is the mean of the context words' input vectors (syn0 rows, a
// word counted as often as it occurs, as CBOW trains); each word w of the vocabulary scores
// s_w = h · u_w (u_w its output vector, a syn1 row), and p(w) = softmax(s)_w. The loss of the
// guess is −ln p(target).
//
// The step is word2vec's negative-sampling update for one CBOW example, the formulas the kernels
// apply to every example of an epoch (core-wasm's word2vec-reference.ts is their readable twin):
// `negative` noise words are drawn from the model's noise distribution (unigram^0.75, its alias
// table, one u32 draw each; a draw equal to the target is dropped), every score is taken before
// any row changes, then for each of target (label 1) and noise words (label 0)
//   g = alpha · (label − σ(h · u_t)),   err += g · u_t (the old row),   u_t += g · h
// and every context position's input vector gets the whole error: syn0[c] += err.
// The loss the step descends is −ln σ(s_target) − Σ_noise ln σ(−s_noise).
//
// Does not handle: skip-gram's examples (one per context word), subsampling or window reduction
// (the caller chooses the context), several examples at once (trainEpoch does that, in wasm).

import { GlassboxError } from '../util/errors.js';
import type { Random } from '../util/random.js';
import { closeSpellings } from './spelling.js';

/** A word and the probability the model gives it for the blank. */
export interface WordChance {
  word: string;
  p: number;
}

/** What the model makes of one blank: its likeliest words and how it rates the true one. */
export interface MissingWordGuess {
  /** The likeliest words for the blank, most likely first. */
  guesses: WordChance[];
  /** p(target) = softmax(h · u)_target. */
  p: number;
  /** −ln p(target): the loss of the guess. */
  loss: number;
  /** Cosine between the context vector h and the target's output vector. */
  cosine: number;
}

/** A vector one step changed: a context word's input vector or an output vector (the target's, a noise word's). */
export interface MovedVector {
  word: string;
  kind: 'input' | 'output';
  before: Float32Array;
  after: Float32Array;
}

/** One training step on one missing-word example, with the model's view before and after it. */
export interface MissingWordStep {
  context: string[];
  target: string;
  /** The learning rate of the step. */
  alpha: number;
  /** The noise words drawn for this step (pushed away from the context), in draw order. */
  noise: string[];
  before: MissingWordGuess;
  after: MissingWordGuess;
  /** p of each noise word before and after the step, in the order of `noise`. */
  noiseP: { before: number[]; after: number[] };
  /** −ln σ(s_target) − Σ ln σ(−s_noise), same noise words: the loss the step descends. */
  exampleLoss: { before: number; after: number };
  /** Every vector the step changed (each once), context input vectors first. */
  moved: MovedVector[];
}

/** The model's rows and tables as the missing-word functions read them (views of the arena). */
export interface MissingWordModel {
  words: readonly string[];
  index: ReadonlyMap<string, number>;
  dim: number;
  /** (vocab, dim) input vectors. */
  syn0: Float32Array;
  /** (vocab, dim) output vectors. */
  syn1: Float32Array;
  /** The noise distribution's alias table: (vocab) u32 thresholds and i32 aliases. */
  aliasProb: Uint32Array;
  aliasIdx: Int32Array;
}

function idOf(m: MissingWordModel, word: string, what: string): number {
  const id = m.index.get(word);
  if (id === undefined) {
    const close = closeSpellings(word, m.words, 5);
    throw new GlassboxError(
      `"${word}" is not in the vocabulary of ${m.words.length} words` +
        (close.length ? `; did you mean ${close.map((w) => `"${w}"`).join(', ')}?` : ''),
      what,
    );
  }
  return id;
}

function contextIds(m: MissingWordModel, context: readonly string[]): number[] {
  if (context.length === 0) throw new GlassboxError('give at least one word around the blank', 'context');
  return context.map((w) => idOf(m, w, 'context'));
}

/** h = mean of the context positions' input vectors, (dim) f64. */
function contextVector(m: MissingWordModel, ids: readonly number[]): Float64Array {
  const h = new Float64Array(m.dim);
  for (const id of ids) for (let k = 0; k < m.dim; k++) h[k] += m.syn0[id * m.dim + k];
  for (let k = 0; k < m.dim; k++) h[k] /= ids.length;
  return h;
}

function score(m: MissingWordModel, h: Float64Array, word: number): number {
  let dot = 0;
  for (let k = 0; k < m.dim; k++) dot += h[k] * m.syn1[word * m.dim + k];
  return dot;
}

/** softmax(h · u) over the whole vocabulary, (vocab) f64. */
function chances(m: MissingWordModel, h: Float64Array): Float64Array {
  const s = Float64Array.from(m.words, (_, w) => score(m, h, w));
  let max = -Infinity;
  for (const x of s) max = Math.max(max, x);
  let z = 0;
  for (let w = 0; w < s.length; w++) {
    s[w] = Math.exp(s[w] - max);
    z += s[w];
  }
  for (let w = 0; w < s.length; w++) s[w] /= z;
  return s;
}

function guessFrom(m: MissingWordModel, h: Float64Array, p: Float64Array, target: number, top: number) {
  const order = [...p.keys()].sort((a, b) => p[b] - p[a] || a - b).slice(0, top);
  let hu = 0;
  let hh = 0;
  let uu = 0;
  for (let k = 0; k < m.dim; k++) {
    const u = m.syn1[target * m.dim + k];
    hu += h[k] * u;
    hh += h[k] * h[k];
    uu += u * u;
  }
  return {
    guesses: order.map((w) => ({ word: m.words[w], p: p[w] })),
    p: p[target],
    loss: -Math.log(p[target]),
    cosine: hh > 0 && uu > 0 ? hu / Math.sqrt(hh * uu) : 0,
  };
}

/** The model's guess for the blank of `context`, and how it rates `target` (top: how many guesses). */
export function guessMissingWord(
  m: MissingWordModel,
  context: readonly string[],
  target: string,
  top = 5,
): MissingWordGuess {
  const ids = contextIds(m, context);
  const t = idOf(m, target, 'target');
  const h = contextVector(m, ids);
  return guessFrom(m, h, chances(m, h), t, top);
}

/** ⌊r·n / 2³²⌋ for u32 r, exactly (as the kernels draw a column). */
function mulHigh(r: number, n: number): number {
  return Math.floor(((r >>> 16) * n + Math.floor(((r & 0xffff) * n) / 65536)) / 65536);
}

/** One noise word from the alias table with one u32 draw, as the kernels draw it. */
function drawNoise(m: MissingWordModel, rng: Random): number {
  const r = rng.nextU32();
  const col = mulHigh(r, m.words.length);
  const coin = Math.imul(r, m.words.length) >>> 0; // the low half of r·vocab
  return coin < m.aliasProb[col] ? col : m.aliasIdx[col];
}

const softplus = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

/**
 * One negative-sampling step on the example (context → target), changing the model's rows in
 * place; `negative` noise words drawn with `rng`. Returns the guess before and after and every
 * vector it moved.
 */
export function trainMissingWord(
  m: MissingWordModel,
  context: readonly string[],
  target: string,
  opts: { alpha: number; negative: number; rng: Random; top?: number },
): MissingWordStep {
  const { alpha, negative, rng, top = 5 } = opts;
  if (!(alpha > 0)) throw new GlassboxError(`expected a learning rate > 0, got ${alpha}`, { field: 'alpha' });
  const ids = contextIds(m, context);
  const t = idOf(m, target, 'target');
  const { dim } = m;
  const h = contextVector(m, ids);
  const pBefore = chances(m, h);
  const before = guessFrom(m, h, pBefore, t, top);

  const targets = [t];
  for (let d = 0; d < negative; d++) {
    const w = drawNoise(m, rng);
    if (w !== t) targets.push(w);
  }
  const noiseIds = targets.slice(1);
  const exampleLoss = (hv: Float64Array) =>
    targets.reduce(
      (sum, w, d) => sum + (d === 0 ? softplus(-score(m, hv, w)) : softplus(score(m, hv, w))),
      0,
    );
  const lossBefore = exampleLoss(h);

  const inputs = [...new Set(ids)];
  const outputs = [...new Set(targets)];
  const copy = (rows: Float32Array, id: number) => rows.slice(id * dim, (id + 1) * dim);
  const inputsBefore = inputs.map((id) => copy(m.syn0, id));
  const outputsBefore = outputs.map((id) => copy(m.syn1, id));

  // Every score first, then the output rows in order, each error term from the row before its update.
  const scores = targets.map((w) => score(m, h, w));
  const err = new Float64Array(dim);
  targets.forEach((w, d) => {
    const g = alpha * ((d === 0 ? 1 : 0) - 1 / (1 + Math.exp(-scores[d])));
    for (let k = 0; k < dim; k++) {
      err[k] += g * m.syn1[w * dim + k];
      m.syn1[w * dim + k] += g * h[k];
    }
  });
  for (const id of ids) for (let k = 0; k < dim; k++) m.syn0[id * dim + k] += err[k];

  const hAfter = contextVector(m, ids);
  const pAfter = chances(m, hAfter);
  return {
    context: [...context],
    target,
    alpha,
    noise: noiseIds.map((w) => m.words[w]),
    before,
    after: guessFrom(m, hAfter, pAfter, t, top),
    noiseP: { before: noiseIds.map((w) => pBefore[w]), after: noiseIds.map((w) => pAfter[w]) },
    exampleLoss: { before: lossBefore, after: exampleLoss(hAfter) },
    moved: [
      ...inputs.map((id, i) => ({
        word: m.words[id],
        kind: 'input' as const,
        before: inputsBefore[i],
        after: copy(m.syn0, id),
      })),
      ...outputs.map((id, i) => ({
        word: m.words[id],
        kind: 'output' as const,
        before: outputsBefore[i],
        after: copy(m.syn1, id),
      })),
    ],
  };
}
