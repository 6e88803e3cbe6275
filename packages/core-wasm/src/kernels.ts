// The Kernels interface: the whole numeric vocabulary of glassbox. Two implementations stand
// behind it, `wasm` (AssemblyScript, SIMD; the default) and `reference` (plain TypeScript that
// is easy to check by eye); one test suite holds them to each other.
//
// Conventions shared by every implementation:
// - Arguments are byte offsets (Ptr) into `arena.memory` plus explicit sizes; row-major f32,
//   ids and targets i32. Offset 0 means "absent" (e.g. no bias).
// - Backward kernels ACCUMULATE (+=) into gradient buffers, so a tensor used twice (a residual,
//   the tied embedding) collects both contributions; zero gradients before a backward pass.
//   Exception: crossEntropyBackward writes dlogits, so it can run in place over the probabilities.

import type { Arena, Ptr } from './arena.js';

export interface MatmulArgs {
  /** Output C (m × n), leading dimension ldc (default n). */
  c: Ptr;
  /** A: (m × k), or stored (k × m) when transA. Leading dimension lda. */
  a: Ptr;
  /** B: (k × n), or stored (n × k) when transB. Leading dimension ldb. */
  b: Ptr;
  /** Optional bias (n), added to every row. */
  bias?: Ptr;
  m: number;
  k: number;
  n: number;
  transA?: boolean;
  transB?: boolean;
  /** C += … instead of C = … */
  accumulate?: boolean;
  lda?: number;
  ldb?: number;
  ldc?: number;
  /**
   * Also adds B's column sums into sumB (n): sumB[j] += Σ_k B(k, j), k in order — a linear
   * layer's bias gradient from dout, while its weight gradient xᵀ·dout is computed. B must be
   * stored k × n without gaps (not transposed, ldb = n). The threads add them up while they pack B.
   */
  sumB?: Ptr;
}

export interface AdamWArgs {
  params: Ptr;
  grads: Ptr;
  m: Ptr;
  v: Ptr;
  n: number;
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** 1-based step count, for the bias corrections. */
  step: number;
  /**
   * Sets each gradient to zero once applied, so the next backward adds into zeros without a
   * separate pass (done by the thread that just read it). Default false.
   */
  clearGrads?: boolean;
  /**
   * Several tensors laid out back to back in one call (a model's parameter block): each segment,
   * elements offset … offset + size − 1 of the n, is updated as a call of its own would update it,
   * with weightDecay where `decay` and none elsewhere; elements in no segment (padding) are left
   * alone. Offsets are multiples of 4, in order, without overlap. Default: one tensor of n, decayed.
   */
  segments?: readonly AdamWSegment[];
}

/** One tensor of an AdamW call over several (AdamWArgs.segments). */
export interface AdamWSegment {
  offset: number;
  size: number;
  decay: boolean;
}

export type KernelImpl = 'wasm' | 'reference';

export interface Kernels {
  readonly impl: KernelImpl;
  readonly arena: Arena;

  /** C (+)= op(A)·op(B) [+ bias]. */
  matmul(args: MatmulArgs): void;
  /**
   * Two independent products — neither writes what the other reads or writes, e.g. a linear
   * layer's dinp = dout·Wᵀ and dW += xᵀ·dout — with the numbers of matmul(first), matmul(second).
   * Threads may run them side by side. Throws when they are not independent (checkPair).
   */
  matmulPair(first: MatmulArgs, second: MatmulArgs): void;

  /** out = softmax(scale·inp) per row; causal rows (…, T, T) see columns 0..(row mod cols). */
  softmaxForward(out: Ptr, inp: Ptr, rows: number, cols: number, scale?: number, causal?: boolean): void;
  /** dinp += scale · out ⊙ (dout − Σ out·dout) per row. */
  softmaxBackward(
    dinp: Ptr,
    out: Ptr,
    dout: Ptr,
    rows: number,
    cols: number,
    scale?: number,
    causal?: boolean,
  ): void;

  /**
   * Fused softmax + cross-entropy. Writes probs (may alias logits) and per-row losses; returns the
   * mean loss over rows with target ≥ 0 (negative targets are masked out).
   */
  crossEntropyForward(
    probs: Ptr,
    losses: Ptr,
    logits: Ptr,
    targets: Ptr,
    rows: number,
    vocab: number,
  ): number;
  /** dlogits = (probs − onehot(target))·scale; masked rows get 0. Writes; may alias probs. */
  crossEntropyBackward(
    dlogits: Ptr,
    probs: Ptr,
    targets: Ptr,
    rows: number,
    vocab: number,
    scale: number,
  ): void;

  layernormForward(
    out: Ptr,
    mean: Ptr,
    rstd: Ptr,
    inp: Ptr,
    weight: Ptr,
    bias: Ptr,
    rows: number,
    C: number,
    eps?: number,
  ): void;
  layernormBackward(
    dinp: Ptr,
    dweight: Ptr,
    dbias: Ptr,
    dout: Ptr,
    inp: Ptr,
    weight: Ptr,
    mean: Ptr,
    rstd: Ptr,
    rows: number,
    C: number,
  ): void;

  /**
   * out = gelu(inp). With `saved` (n floats apart from out and inp), also keeps there what
   * geluBackward would otherwise compute again (an implementation's own contents: the wasm kernels
   * keep e^{2u}; the reference keeps nothing), as layernormForward keeps mean and rstd.
   */
  geluForward(out: Ptr, inp: Ptr, n: number, saved?: Ptr): void;
  /**
   * dinp = gelu'(inp) ⊙ dout (written, not accumulated). `saved`: what geluForward kept for this
   * inp (unchanged since), read instead of computed; the same numbers as without it.
   */
  geluBackward(dinp: Ptr, inp: Ptr, dout: Ptr, n: number, saved?: Ptr): void;

  /** out = a + b (out may alias a or b: add(g, g, d, n) accumulates). */
  add(out: Ptr, a: Ptr, b: Ptr, n: number): void;
  /** x *= s in place. */
  scale(x: Ptr, n: number, s: number): void;
  /** out (cols) += Σ over rows of inp (rows, cols): a linear layer's bias gradient. */
  columnSums(out: Ptr, inp: Ptr, rows: number, cols: number): void;
  /** Σ x² (accumulated in f64 across blocks). */
  sumSquares(x: Ptr, n: number): number;

  /** out[i] = table[ids[i]] (rows of C floats). */
  gather(out: Ptr, table: Ptr, ids: Ptr, n: number, C: number): void;
  /** dtable[ids[i]] += dout[i]. */
  scatterAdd(dtable: Ptr, dout: Ptr, ids: Ptr, n: number, C: number): void;

  /** One AdamW update with decoupled weight decay over a flat tensor. */
  adamw(args: AdamWArgs): void;

  /**
   * Causal self-attention. qkv (B, T, 3C) holds [q | k | v] per position; writes att (B, nh, T, T),
   * the attention probabilities softmax(q·kᵀ/√hs) with the future masked, and out (B, T, C) = att·v
   * with the heads side by side.
   */
  attentionForward(out: Ptr, att: Ptr, qkv: Ptr, B: number, T: number, C: number, nHead: number): void;
  /**
   * dqkv = ∂L/∂qkv given dout = ∂L/∂out (written, not accumulated); datt (B, nh, T, T) is scratch
   * (the wasm kernels keep a pair's in their own scratch up to T = 256 and use datt only beyond).
   */
  attentionBackward(
    dqkv: Ptr,
    datt: Ptr,
    dout: Ptr,
    qkv: Ptr,
    att: Ptr,
    B: number,
    T: number,
    C: number,
    nHead: number,
  ): void;

  /** Threads the kernels run on (1 = single-threaded). */
  readonly threads: number;
  /** The calling thread's wait clock, when the kernels run on several threads (ThreadWaits). */
  readonly waits?: ThreadWaits;
  /** Stops the worker threads (if any); the kernels must not be used afterwards. */
  dispose(): void;
}

/**
 * How long the calling thread has waited for the other threads inside threaded kernels: at the end
 * of each job, from its last chunk to the job's completion, and at a job's inner barriers (a matmul
 * waiting for its shared packing of B). What a profile files as "thread waiting". Off until
 * clock(true); reading it is cheap (one call into the kernels).
 */
export interface ThreadWaits {
  /** Starts (true) or stops (false) the clock; its total carries on across stops. */
  clock(on: boolean): void;
  /** Milliseconds waited while the clock ran, since the kernels were created. */
  ms(): number;
}

/** Bias corrections (1 − β^t) computed once in f64, shared by both implementations. */
export function adamBiasCorrections(beta1: number, beta2: number, step: number): [number, number] {
  if (!(step >= 1)) throw new RangeError(`adamw: step must be ≥ 1, got ${step}`);
  return [1 - beta1 ** step, 1 - beta2 ** step];
}

/** An AdamW call's segments (the whole n, decayed, by default), checked: in order, 4-aligned, inside n. */
export function adamwSegments({ n, segments }: AdamWArgs): readonly AdamWSegment[] {
  if (!segments) return [{ offset: 0, size: n, decay: true }];
  let end = 0;
  for (const [i, { offset, size }] of segments.entries()) {
    if (!(offset % 4 === 0 && offset >= end && size >= 0 && offset + size <= n))
      throw new RangeError(
        `adamw: segment ${i} (offset ${offset}, size ${size}) must start on a multiple of 4 after the one before and end within n = ${n}`,
      );
    end = offset + size;
  }
  return segments;
}

/** Throws unless a matmul asked for B's column sums can give them: B stored k × n, no gaps. */
export function checkSumB({ sumB, transB, ldb, n }: MatmulArgs): void {
  if (sumB && (transB || (ldb ?? n) !== n))
    throw new Error('matmul: sumB needs B stored k × n without gaps (not transposed, ldb = n)');
}

/** The bytes [start, end) of memory a matmul reads or writes: C, A, B, bias and sumB. */
function regions({ c, a, b, bias, m, k, n, transA, transB, lda, ldb, ldc, sumB }: MatmulArgs) {
  // A matrix of `rows` rows `cols` wide, `ld` apart, spans (rows − 1)·ld + cols floats.
  const span = (at: Ptr, rows: number, cols: number, ld: number) => ({
    at,
    end: at + 4 * ((rows - 1) * ld + cols),
    written: false,
  });
  const out = [
    { ...span(c, m, n, ldc ?? n), written: true },
    transA ? span(a, k, m, lda ?? m) : span(a, m, k, lda ?? k),
    transB ? span(b, n, k, ldb ?? k) : span(b, k, n, ldb ?? n),
  ];
  if (bias) out.push(span(bias, 1, n, n));
  if (sumB) out.push({ ...span(sumB, 1, n, n), written: true });
  return out.filter((r) => r.at && r.end > r.at);
}

/** Throws unless two products are independent: neither writes memory the other touches. */
export function checkPair(first: MatmulArgs, second: MatmulArgs): void {
  const one = regions(first);
  const two = regions(second);
  for (const x of one)
    for (const y of two)
      if ((x.written || y.written) && x.at < y.end && y.at < x.end)
        throw new Error(
          'matmulPair: the products are not independent (one writes memory the other reads or writes); call matmul twice',
        );
}
