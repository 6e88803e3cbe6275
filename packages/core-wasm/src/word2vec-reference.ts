// The reference twin of the word2vec kernels: the same loops as assembly/word2vec.ts written the
// plain way over typed-array views of the arena, with f64 arithmetic (dot products, σ, the loss)
// and an exact −ln σ per target. It draws random numbers in exactly the kernel's order — one per
// word for subsampling, one per kept word for the window, one per noise word — so both pick the
// same examples. Slow on purpose: it is the yardstick, not the trainer.

import type { Arena } from './arena.js';
import { checkWord2VecBatch, type Word2VecBatch, type Word2VecKernels } from './word2vec.js';
import { xoshiro128ss } from './xoshiro.js';

export class ReferenceWord2Vec implements Word2VecKernels {
  readonly impl = 'reference' as const;
  constructor(readonly arena: Arena) {}

  skipGram(b: Word2VecBatch): void {
    this.run(b, 'skipgram');
  }

  cbow(b: Word2VecBatch): void {
    this.run(b, 'cbow');
  }

  private run(b: Word2VecBatch, model: 'skipgram' | 'cbow'): void {
    checkWord2VecBatch(b);
    const buffer = this.arena.memory.buffer;
    const f = new Float32Array(buffer);
    const i32 = new Int32Array(buffer);
    const u32 = new Uint32Array(buffer);
    const rng = new Xoshiro(u32, b.rng >> 2);
    const { dim, window, negative, alpha } = b;
    const a = Math.fround(alpha);
    const row = (base: number, id: number) => (base >> 2) + id * dim;
    let lossSum = 0;
    let examples = 0;
    let kept = 0;

    // One example: input vector h (a copy), positive target, noise words; returns the error
    // vector. Every score is taken before any output row changes, then the rows update in order.
    const train = (h: Float64Array, target: number): Float64Array => {
      const targets = [target];
      for (let d = 0; d < negative; d++) {
        const r = rng.next();
        const col = mulHigh(r, b.vocab);
        const coin = Math.imul(r, b.vocab) >>> 0; // the low half of r·vocab
        const t = coin < u32[(b.aliasProb >> 2) + col] ? col : i32[(b.aliasIdx >> 2) + col];
        if (t !== target) targets.push(t);
      }
      const scores = targets.map((t) => {
        let dot = 0;
        for (let k = 0; k < dim; k++) dot += h[k] * f[row(b.syn1, t) + k];
        return dot;
      });
      const err = new Float64Array(dim);
      targets.forEach((t, d) => {
        const label = d === 0 ? 1 : 0;
        const sigma = 1 / (1 + Math.exp(-scores[d]));
        lossSum += label ? softplus(-scores[d]) : softplus(scores[d]); // −ln σ(f), −ln σ(−f)
        const g = (label - sigma) * a;
        const l2 = row(b.syn1, t);
        for (let k = 0; k < dim; k++) {
          err[k] += g * f[l2 + k];
          f[l2 + k] += g * h[k];
        }
      });
      return err;
    };

    for (let s = 0; s < b.sentences; s++) {
      const from = i32[(b.starts >> 2) + s];
      const to = i32[(b.starts >> 2) + s + 1];
      const sentence: number[] = [];
      for (let i = from; i < to; i++) {
        const w = i32[(b.words >> 2) + i];
        const k = u32[(b.keep >> 2) + w];
        const r = rng.next();
        if (r < k || k === 0xffffffff) sentence.push(w);
      }
      kept += sentence.length;
      for (let i = 0; i < sentence.length; i++) {
        const reduce = mulHigh(rng.next(), window);
        const lo = Math.max(0, i - window + reduce);
        const hi = Math.min(sentence.length, i + window - reduce + 1);
        if (model === 'skipgram') {
          for (let j = lo; j < hi; j++) {
            if (j === i) continue;
            const l1 = row(b.syn0, sentence[j]);
            const err = train(Float64Array.from(f.subarray(l1, l1 + dim)), sentence[i]);
            for (let k = 0; k < dim; k++) f[l1 + k] += err[k];
            examples++;
          }
        } else {
          if (hi - lo < 2) continue;
          const h = new Float64Array(dim);
          for (let j = lo; j < hi; j++) {
            if (j === i) continue;
            const l1 = row(b.syn0, sentence[j]);
            for (let k = 0; k < dim; k++) h[k] += f[l1 + k];
          }
          for (let k = 0; k < dim; k++) h[k] /= hi - lo - 1;
          const err = train(h, sentence[i]);
          for (let j = lo; j < hi; j++) {
            if (j === i) continue;
            const l1 = row(b.syn0, sentence[j]);
            for (let k = 0; k < dim; k++) f[l1 + k] += err[k];
          }
          examples++;
        }
      }
    }
    rng.save();
    const stats = new Float64Array(buffer, b.stats, 3);
    stats[0] += lossSum;
    stats[1] += examples;
    stats[2] += kept;
  }
}

/** ⌊r·n / 2³²⌋ for u32 r and n, exactly (r·n can exceed 2⁵³, so it is split into 16-bit halves). */
function mulHigh(r: number, n: number): number {
  return Math.floor(((r >>> 16) * n + Math.floor(((r & 0xffff) * n) / 65536)) / 65536);
}

/** ln(1 + e^x) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** xoshiro128** over four u32 words in memory, advanced in a copy and written back by save(). */
class Xoshiro {
  private s: Uint32Array;
  constructor(
    private readonly mem: Uint32Array,
    private readonly at: number,
  ) {
    this.s = mem.slice(at, at + 4);
  }

  next(): number {
    return xoshiro128ss(this.s);
  }

  save(): void {
    this.mem.set(this.s, this.at);
  }
}
