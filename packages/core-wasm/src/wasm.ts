// The wasm implementation: loads core.wasm — or core-mt.wasm with worker threads over a shared
// memory — compiled once per process (or worker) and instantiated once per arena, so each model
// owns its memory. Big matmuls, attention and GELU are shared out to the threads; everything else
// runs on the calling thread. The loader works unchanged in Node (file: URL read from disk) and in
// the browser or a worker (fetch + compileStreaming; Vite turns the URL into a hashed asset).

import { Arena, type Ptr } from './arena.js';
import {
  type AdamWArgs,
  adamBiasCorrections,
  adamwSegments,
  checkPair,
  checkSumB,
  type Kernels,
  type MatmulArgs,
  type ThreadWaits,
} from './kernels.js';
import { availableCores, JOB, spawnThread, type ThreadHandle, threadsAvailable } from './threads.js';

interface CoreExports {
  init(base: number): void;
  heapBase(): number;
  scratchBytes(): number;
  matmul(...args: number[]): void;
  packedBSize(K: number, N: number): number;
  kBlock(): number;
  tileCeiling(reps: number): void;
  useThinMatmul(on: number): void;
  thinMatmulRuns(): number;
  matvec(...args: number[]): void;
  softmaxForward(out: Ptr, inp: Ptr, rows: number, cols: number, scale: number, causal: number): void;
  softmaxBackward(
    dinp: Ptr,
    out: Ptr,
    dout: Ptr,
    rows: number,
    cols: number,
    scale: number,
    causal: number,
  ): void;
  crossEntropyForward(probs: Ptr, losses: Ptr, logits: Ptr, targets: Ptr, rows: number, V: number): number;
  crossEntropyBackward(dlogits: Ptr, probs: Ptr, targets: Ptr, rows: number, V: number, scale: number): void;
  layernormForward(...args: number[]): void;
  layernormBackward(...args: number[]): void;
  geluForward(out: Ptr, inp: Ptr, n: number, saved: Ptr): void;
  geluBackward(dinp: Ptr, inp: Ptr, dout: Ptr, n: number, saved: Ptr): void;
  add(out: Ptr, a: Ptr, b: Ptr, n: number): void;
  scale(x: Ptr, n: number, s: number): void;
  columnSums(out: Ptr, inp: Ptr, rows: number, cols: number): void;
  sumSquares(x: Ptr, n: number): number;
  gather(out: Ptr, table: Ptr, ids: Ptr, n: number, C: number): void;
  scatterAdd(dtable: Ptr, dout: Ptr, ids: Ptr, n: number, C: number): void;
  adamwSegments(...args: number[]): void;
  attentionForward(...args: number[]): void;
  attentionBackward(...args: number[]): void;
  runParallel?(ctrl: Ptr, chunks: number): void;
  matmulPackChunks?(N: number): number;
  guidedChunks?(total: number, unit: number, div: number, least: number): number;
  stopWorkers?(ctrl: Ptr): void;
  waitClock?(on: number): void;
  waitedMs?(): number;
}

const compiled = new Map<string, Promise<WebAssembly.Module>>();

/** Compiles core.wasm (or core-mt.wasm) once per process or worker. */
export function loadCoreModule(threaded = false): Promise<WebAssembly.Module> {
  const file = threaded ? 'core-mt.wasm' : 'core.wasm';
  let module = compiled.get(file);
  if (!module) {
    module = (async () => {
      const url = threaded
        ? new URL('./core-mt.wasm', import.meta.url)
        : new URL('./core.wasm', import.meta.url);
      if (url.protocol === 'file:') {
        const fs = process.getBuiltinModule('node:fs/promises') as typeof import('node:fs/promises');
        return WebAssembly.compile(await fs.readFile(url));
      }
      return WebAssembly.compileStreaming(fetch(url));
    })();
    compiled.set(file, module);
  }
  return module;
}

/** Work below this many flops is not worth waking the other threads for. */
const PARALLEL_MIN_FLOPS = 1 << 20;
const PARALLEL_MIN_ELEMENTS = 1 << 15;
/** The shared packing of B for row-split products (B of up to a million floats). */
const SHARED_PACK_BYTES = 4 << 20;
/** f64 argument slots in the control block (assembly/threads.ts). */
const ARG_SLOTS = 48;
/** The slot holding the job kind: assembly/threads.ts JOB_ARG. */
const JOB_SLOT = 23;
/** The slots of a guided job's schedule (unit, divisor, least): assembly/threads.ts SCHEDULE_ARG. */
const SCHEDULE_ARG = 20;
/** Where a pair's second product's arguments start: assembly/threads.ts PAIR_SLOTS. */
const PAIR_SLOTS = 24;
/** A product splits along a side with at least this many micro-tile units (4 rows, 8 columns) per thread. */
const UNITS_PER_THREAD = 4;
/** AdamW segments one job takes (their table in wasm memory: 12 KiB); more go in several jobs. */
const SEGMENTS_MAX = 1024;
/** The smallest chunk of an elementwise job, in elements (a few microseconds of work). */
const ELEMENTS_LEAST = 4096;

/** Columns of LayerNorm's weight and bias gradients per chunk of its threaded backward (a multiple of 4). */
const LAYERNORM_PARAM_COLUMNS = 32;
/**
 * The smallest LayerNorm backward shared out: it reads its inputs twice when threaded (rows, then
 * columns). Paired on 2 threads: 301×131 0.92× the one-thread speed, 768×128 1.24×, 4096×384 1.41×.
 */
const LAYERNORM_BACKWARD_MIN_ELEMENTS = 1 << 16;

/** Chunks per thread of a threaded ceiling run (ceilingGflops): about 1 ms each. */
const CEILING_CHUNKS = 48;

/**
 * The core's matmul arguments for the k's [k0, k0 + kk) of a product: c a b bias M K N transA
 * transB accumulate lda ldb ldc. A part of k after the first adds into C (the bias went in with the
 * first), which is how C receives the product's blocks of k anyway.
 */
function argsOf(mm: MatmulArgs, k0: number, kk: number): number[] {
  const { c, a, b, bias = 0, m, k, n, transA, transB, accumulate, lda, ldb, ldc } = mm;
  const ldA = lda ?? (transA ? m : k);
  const ldB = ldb ?? (transB ? k : n);
  return [
    c,
    a + 4 * (transA ? k0 * ldA : k0),
    b + 4 * (transB ? k0 : k0 * ldB),
    k0 === 0 ? bias : 0,
    m,
    kk,
    n,
    transA ? 1 : 0,
    transB ? 1 : 0,
    k0 === 0 && !accumulate ? 0 : 1,
    ldA,
    ldB,
    ldc ?? n,
  ];
}

/** One row times op(B), not transposed A: the matrix-vector path (generation's single position). */
function isVector({ m, k, transA }: MatmulArgs): boolean {
  return m === 1 && !transA && k > 0;
}

export interface WasmKernelOptions {
  /** Threads to run on; default 1. 'auto' = every core, when shared memory is available. */
  threads?: number | 'auto';
  initialPages?: number;
  /**
   * Thin products (K ≤ 32 or N ≤ 32) take matmul's thin path (assembly/matmul-thin.ts); default
   * true. Its numbers are the general kernel's bit for bit: false exists for the tests that check
   * so and for benchmarks that compare the two.
   */
  thinMatmul?: boolean;
  /**
   * The clock the calling thread's wait clock reads (Kernels.waits), in milliseconds; default
   * performance.now. Tests pass a counter to see how often it is read.
   */
  clock?: () => number;
}

export class WasmKernels implements Kernels {
  readonly impl = 'wasm' as const;
  private args?: Float64Array;
  /** AdamW's segment table (SEGMENTS_MAX triples), allocated at the first call. */
  private segmentTable: Ptr = 0;

  readonly waits?: ThreadWaits;

  private constructor(
    readonly arena: Arena,
    private readonly x: CoreExports,
    readonly threads: number,
    private readonly ctrl: Ptr,
    private readonly workers: ThreadHandle[],
    private readonly packedB: Ptr,
  ) {
    const { waitClock, waitedMs } = x;
    if (threads > 1 && waitClock && waitedMs)
      this.waits = { clock: (on) => waitClock(on ? 1 : 0), ms: () => waitedMs() };
  }

  /** A fresh arena (its own memory) with the kernels instantiated over it. */
  static async create(opts: WasmKernelOptions = {}): Promise<WasmKernels> {
    const wanted = opts.threads === 'auto' ? availableCores() : (opts.threads ?? 1);
    const threads = wanted > 1 && threadsAvailable() ? Math.floor(wanted) : 1;
    const initial = opts.initialPages ?? 32;
    const memory =
      threads > 1
        ? new WebAssembly.Memory({ initial, maximum: 32768, shared: true })
        : new WebAssembly.Memory({ initial });
    const module = await loadCoreModule(threads > 1);
    const now = opts.clock ?? (() => performance.now());
    const instance = await WebAssembly.instantiate(module, { env: { memory, now } });
    const x = instance.exports as unknown as CoreExports;
    const arena = new Arena(memory, x.heapBase());
    x.init(arena.allocBytes(x.scratchBytes()));
    const thinMatmul = opts.thinMatmul === false ? 0 : 1;
    x.useThinMatmul(thinMatmul);
    if (threads === 1) return new WasmKernels(arena, x, 1, 0, [], 0);
    const ctrl = arena.allocBytes(64 + 8 * ARG_SLOTS);
    const workers = await Promise.all(
      Array.from({ length: threads - 1 }, () =>
        spawnThread({
          module,
          memory,
          ctrl,
          scratch: arena.allocBytes(x.scratchBytes() + 16),
          thinMatmul,
        }),
      ),
    );
    return new WasmKernels(arena, x, threads, ctrl, workers, arena.allocBytes(SHARED_PACK_BYTES));
  }

  /** Row or column blocks of matmul this thread ran on the thin path so far (for tests). */
  thinMatmulRuns(): number {
    return this.x.thinMatmulRuns();
  }

  /** Publishes a job in `chunks` chunks to every thread and works on it here too; returns when all are done. */
  private parallel(job: number, chunks: number, args: number[]): void {
    const slots = this.argSlots();
    slots.set(args);
    slots[JOB_SLOT] = job;
    this.x.runParallel!(this.ctrl, chunks);
  }

  /**
   * Publishes a guided job over `total` items (assembly/threads.ts guidedStart): chunks of whole
   * `unit`s, each 1/(4·threads) of what is left and at least `least` items, so the last are small.
   * `first` chunks of another kind (a matmul's packing) come before them.
   */
  private guided(job: number, total: number, unit: number, least: number, args: number[], first = 0): void {
    this.parallel(job, first + this.schedule(0, total, unit, least), args);
  }

  /** Writes a guided schedule at slot `base` + SCHEDULE_ARG; returns its number of chunks. */
  private schedule(base: number, total: number, unit: number, least: number): number {
    const div = 4 * this.threads;
    const slots = this.argSlots();
    slots[base + SCHEDULE_ARG] = unit;
    slots[base + SCHEDULE_ARG + 1] = div;
    slots[base + SCHEDULE_ARG + 2] = least;
    return this.x.guidedChunks!(total, unit, div, least);
  }

  private argSlots(): Float64Array {
    if (!this.args || this.args.buffer !== this.arena.memory.buffer) {
      this.args = new Float64Array(this.arena.memory.buffer, this.ctrl + 64, ARG_SLOTS);
    }
    return this.args;
  }

  /**
   * The matmul micro-kernel's own speed on this machine, in GFLOP/s on all of this instance's
   * threads at once: its 4×8 tile over panels already in L1 (assembly/matmul.ts tileCeiling), the
   * best of five runs of about `ms` / 5 each (the best, not the median: a busy machine only ever
   * lowers it). No real product can beat it: it is the ceiling benchmarks measure against.
   *
   * With threads, every thread runs the tile at the same time, sharing small chunks the way a
   * product's rows are shared: the sum of what each core gives while the others work. Not the
   * calling thread's speed times the threads — on a shared VM one vCPU is often a third slower
   * than the other for minutes (measured here: 28–33 against 46 GFLOP/s, on either vCPU), and
   * whichever one the caller ran on would set the figure for both.
   */
  ceilingGflops(ms = 250): number {
    const flopsPerRep = 2 * 4 * 8 * 256;
    // Calibrate on the calling thread: grow the count until one run takes a twentieth of the budget.
    let reps = 1000;
    let took = 0;
    for (;;) {
      const t = performance.now();
      this.x.tileCeiling(reps);
      took = performance.now() - t;
      if (took >= ms / 20 || reps > 1e8) break;
      reps *= 4;
    }
    const per = Math.max(1, Math.round((reps * ms) / 5 / Math.max(took, 1e-3)));
    // Threaded: each thread's share of a run in CEILING_CHUNKS chunks, so a thread that runs out
    // of chunks waits at most a small one for the others.
    const chunksPerThread = this.threads > 1 ? CEILING_CHUNKS : 1;
    const perChunk = Math.max(1, Math.round(per / chunksPerThread));
    const chunks = this.threads * chunksPerThread;
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      if (this.threads > 1) this.parallel(JOB.ceiling, chunks, [perChunk]);
      else this.x.tileCeiling(perChunk);
      runs.push((flopsPerRep * perChunk * chunks) / ((performance.now() - t) * 1e6));
    }
    return Math.max(...runs);
  }

  dispose(): void {
    if (!this.workers.length) return;
    new Float64Array(this.arena.memory.buffer, this.ctrl + 64, ARG_SLOTS)[JOB_SLOT] = JOB.exit;
    this.x.stopWorkers!(this.ctrl);
    for (const w of this.workers) w.terminate();
    this.workers.length = 0;
  }

  matmul(mm: MatmulArgs): void {
    this.product(mm);
  }

  /** matmul, also for matmulPair (so that a profiler wrapping matmul does not count its calls twice). */
  private product(mm: MatmulArgs): void {
    const { c, a, b, bias = 0, m, k, n, transB, accumulate, ldb, sumB = 0 } = mm;
    checkSumB(mm);
    const vector = isVector(mm);
    const split = this.splitOf(mm);
    // B's column sums ride along with its packing when the threads pack it; otherwise a pass apart.
    if (sumB && !split?.packed) this.x.columnSums(sumB, b, k, n);
    if (vector) {
      this.matvec(c, a, b, bias, k, n, transB ? 1 : 0, accumulate ? 1 : 0, ldb ?? (transB ? k : n));
      return;
    }
    if (!split) {
      this.x.matmul(...argsOf(mm, 0, k));
      return;
    }
    const { byRows, packed, unit, least, slab } = split;
    const packs = packed ? this.x.matmulPackChunks!(n) : 0;
    const sums = packed ? sumB : 0;
    // A B too large to pack whole for the threads (a weight gradient over many rows, K = B·T) is
    // taken in slabs of whole blocks of k, one job each (sharedSlab); B's column sums add up slab
    // after slab in the same order.
    for (let k0 = 0; k0 < k; k0 += slab) {
      const args = argsOf(mm, k0, Math.min(slab, k - k0));
      this.guided(
        JOB.matmul,
        byRows ? m : n,
        unit,
        least,
        [...args, byRows ? 0 : 1, packed, packs, sums],
        packs,
      );
    }
  }

  /**
   * Side by side when both products split by rows over a B packed whole, and both packings fit
   * the shared buffer together (assembly/threads.ts matmulPairRole); else one after the other.
   */
  matmulPair(first: MatmulArgs, second: MatmulArgs): void {
    checkPair(first, second);
    // Each must split by rows over a B packed whole (not in slabs), and both packings fit together:
    // product 1's starts on a cache line after product 0's.
    const splits = [first, second].map((mm) => {
      const split = this.splitOf(mm);
      return split?.byRows && split.packed && split.slab === mm.k ? split : undefined;
    });
    const at = Math.ceil((this.x.packedBSize(first.k, first.n) * 4) / 64) * 64;
    if (!splits[0] || !splits[1] || at + this.x.packedBSize(second.k, second.n) * 4 > SHARED_PACK_BYTES) {
      this.product(first);
      this.product(second);
      return;
    }
    checkSumB(first);
    checkSumB(second);
    const slots = this.argSlots();
    [first, second].forEach((mm, p) => {
      const { unit, least } = splits[p]!;
      const chunks = this.schedule(p * PAIR_SLOTS, mm.m, unit, least);
      slots.set([...argsOf(mm, 0, mm.k), 0, this.packedB + p * at, chunks, mm.sumB ?? 0], p * PAIR_SLOTS);
    });
    slots[JOB_SLOT] = JOB.matmulPair;
    this.x.runParallel!(this.ctrl, 2);
  }

  /**
   * How many k's of B (K × N) one shared packing holds: all K when it fits, else the most whole
   * blocks of k (matmul's KC) that fit, or 0 when not even one does. Slabs end where blocks end, so
   * C receives the same block sums in the same order as from one job: the numbers do not change.
   */
  private sharedSlab(k: number, n: number): number {
    if (this.x.packedBSize(k, n) * 4 <= SHARED_PACK_BYTES) return k;
    const kc = this.x.kBlock(); // slabs must end where matmul's blocks of k end
    return Math.floor(SHARED_PACK_BYTES / 4 / this.x.packedBSize(kc, n)) * kc;
  }

  /**
   * How an m × k × n product is shared out to the threads, or undefined when it runs here alone
   * (a one-row product takes the matrix-vector path, which splits on its own).
   * Splitting rows, every chunk needs all of B: the threads pack it once, side by side, into a
   * shared buffer first (all of it, or a slab of k at a time: sharedSlab), and each chunk packs
   * only its own rows of A. When not even one block of k fits, each chunk packs its own share of
   * B (row split) or of A (column split) and all of the other operand, so split the longer side:
   * the repeated packing is the smaller one. (Rows rather
   * than columns for a weight gradient's 128 × 768 × 512 Aᵀ·B: 1.08–1.19×.)
   */
  private splitOf(mm: MatmulArgs) {
    const { m, k, n } = mm;
    if (isVector(mm) || this.threads <= 1 || 2 * m * n * k < PARALLEL_MIN_FLOPS) return undefined;
    const target = this.threads * UNITS_PER_THREAD;
    const slab = this.sharedSlab(k, n);
    const shared = slab > 0;
    const byRows = (m >= target * 4 && (shared || m >= n)) || (m < n && n < target * 8);
    const unit = byRows ? 4 : 8; // the micro-tile's rows / columns
    const packed = byRows && shared ? this.packedB : 0;
    // A chunk that packs all of the other operand itself (no shared B) is never smaller than
    // 1/(4·threads) of the product: more chunks would each pack it again.
    const least = packed ? unit : Math.ceil((byRows ? m : n) / target / unit) * unit;
    return { byRows, packed, unit, least, slab: packed ? slab : k };
  }

  /** One row times op(B) (assembly/matvec.ts): columns shared out to the threads when large. */
  private matvec(
    y: Ptr,
    x: Ptr,
    b: Ptr,
    bias: Ptr,
    K: number,
    N: number,
    transB: number,
    accumulate: number,
    ldb: number,
  ): void {
    if (this.threads > 1 && 2 * K * N >= PARALLEL_MIN_FLOPS) {
      // One chunk of whole cache lines of y (16 floats) per thread: the product is bound by memory
      // bandwidth, and long contiguous runs of each row of B stream best (measured: 8 chunks per
      // thread gave 20 tokens/s on GPT-2 small, 4: 25, 2: 28, 1: 31–39 on these 2 cores). A thread
      // that is not running leaves its chunk to the caller, which takes whatever is left.
      const size = Math.max(16, Math.ceil(N / this.threads / 16) * 16);
      this.parallel(JOB.matvec, Math.ceil(N / size), [y, x, b, bias, K, N, transB, accumulate, ldb, size]);
    } else this.x.matvec(y, x, b, bias, K, N, transB, accumulate, ldb);
  }

  attentionForward(out: Ptr, att: Ptr, qkv: Ptr, B: number, T: number, C: number, nHead: number): void {
    if (this.threads > 1 && B * nHead > 1)
      this.parallel(JOB.attentionForward, B * nHead, [out, att, qkv, T, C, nHead]);
    else this.x.attentionForward(out, att, qkv, B, T, C, nHead);
  }

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
  ): void {
    if (this.threads > 1 && B * nHead > 1) {
      this.parallel(JOB.attentionBackward, B * nHead, [dqkv, datt, dout, qkv, att, T, C, nHead]);
    } else this.x.attentionBackward(dqkv, datt, dout, qkv, att, B, T, C, nHead);
  }

  geluForward(out: Ptr, inp: Ptr, n: number, saved: Ptr = 0): void {
    if (this.threads > 1 && n >= PARALLEL_MIN_ELEMENTS) {
      this.guided(JOB.geluForward, n, 16, ELEMENTS_LEAST, [out, inp, n, saved]);
    } else this.x.geluForward(out, inp, n, saved);
  }

  geluBackward(dinp: Ptr, inp: Ptr, dout: Ptr, n: number, saved: Ptr = 0): void {
    if (this.threads > 1 && n >= PARALLEL_MIN_ELEMENTS) {
      this.guided(JOB.geluBackward, n, 16, ELEMENTS_LEAST, [dinp, inp, dout, n, saved]);
    } else this.x.geluBackward(dinp, inp, dout, n, saved);
  }

  softmaxForward(out: Ptr, inp: Ptr, rows: number, cols: number, scale = 1, causal = false): void {
    this.x.softmaxForward(out, inp, rows, cols, scale, causal ? 1 : 0);
  }

  softmaxBackward(
    dinp: Ptr,
    out: Ptr,
    dout: Ptr,
    rows: number,
    cols: number,
    scale = 1,
    causal = false,
  ): void {
    this.x.softmaxBackward(dinp, out, dout, rows, cols, scale, causal ? 1 : 0);
  }

  crossEntropyForward(
    probs: Ptr,
    losses: Ptr,
    logits: Ptr,
    targets: Ptr,
    rows: number,
    vocab: number,
  ): number {
    return this.x.crossEntropyForward(probs, losses, logits, targets, rows, vocab);
  }

  crossEntropyBackward(
    dlogits: Ptr,
    probs: Ptr,
    targets: Ptr,
    rows: number,
    vocab: number,
    scale: number,
  ): void {
    this.x.crossEntropyBackward(dlogits, probs, targets, rows, vocab, scale);
  }

  layernormForward(
    out: Ptr,
    mean: Ptr,
    rstd: Ptr,
    inp: Ptr,
    weight: Ptr,
    bias: Ptr,
    rows: number,
    C: number,
    eps = 1e-5,
  ): void {
    if (this.threads > 1 && rows * C >= PARALLEL_MIN_ELEMENTS) {
      const args = [out, mean, rstd, inp, weight, bias, rows, C, eps];
      this.guided(JOB.layernormForward, rows, 1, Math.ceil(ELEMENTS_LEAST / C), args);
    } else this.x.layernormForward(out, mean, rstd, inp, weight, bias, rows, C, eps);
  }

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
  ): void {
    if (this.threads > 1 && rows * C >= LAYERNORM_BACKWARD_MIN_ELEMENTS) {
      // The weight and bias gradients by columns (each column's sum down the rows in order, as one
      // thread adds them), dinp by rows: the same bits as one thread.
      const args = [dinp, dweight, dbias, dout, inp, weight, mean, rstd, rows, C, LAYERNORM_PARAM_COLUMNS];
      const strips = Math.ceil(C / LAYERNORM_PARAM_COLUMNS);
      this.guided(JOB.layernormBackward, rows, 1, Math.ceil(ELEMENTS_LEAST / C), args, strips);
    } else this.x.layernormBackward(dinp, dweight, dbias, dout, inp, weight, mean, rstd, rows, C);
  }

  add(out: Ptr, a: Ptr, b: Ptr, n: number): void {
    this.x.add(out, a, b, n);
  }

  scale(x: Ptr, n: number, s: number): void {
    this.x.scale(x, n, s);
  }

  columnSums(out: Ptr, inp: Ptr, rows: number, cols: number): void {
    this.x.columnSums(out, inp, rows, cols);
  }

  sumSquares(x: Ptr, n: number): number {
    return this.x.sumSquares(x, n);
  }

  gather(out: Ptr, table: Ptr, ids: Ptr, n: number, C: number): void {
    this.x.gather(out, table, ids, n, C);
  }

  scatterAdd(dtable: Ptr, dout: Ptr, ids: Ptr, n: number, C: number): void {
    this.x.scatterAdd(dtable, dout, ids, n, C);
  }

  /**
   * One job over every segment (a model's whole parameter block: one hand-off to the threads, and
   * the small tensors shared out too), their table written to wasm memory for the kernel.
   */
  adamw(args: AdamWArgs): void {
    const { params, grads, m, v, lr, beta1, beta2, eps, weightDecay, step, clearGrads } = args;
    const [bc1, bc2] = adamBiasCorrections(beta1, beta2, step);
    const segments = adamwSegments(args);
    if (!this.segmentTable) this.segmentTable = this.arena.allocBytes(12 * SEGMENTS_MAX);
    for (let g = 0; g < segments.length; g += SEGMENTS_MAX) {
      const group = segments.slice(g, g + SEGMENTS_MAX);
      const base = group[0]!.offset;
      const last = group[group.length - 1]!;
      const n = last.offset + last.size - base;
      const table = new Int32Array(this.arena.memory.buffer, this.segmentTable, 3 * group.length);
      table.set(group.flatMap((s) => [s.offset - base, s.size, s.decay ? 1 : 0]));
      const at = 4 * base;
      const [p, gr, mm, vv] = [params + at, grads + at, m + at, v + at];
      const hyper = [lr, beta1, beta2, eps, weightDecay, bc1, bc2, clearGrads ? 1 : 0];
      if (this.threads > 1 && n >= PARALLEL_MIN_ELEMENTS) {
        this.guided(JOB.adamw, n, 16, ELEMENTS_LEAST, [
          p,
          gr,
          mm,
          vv,
          n,
          ...hyper,
          this.segmentTable,
          group.length,
        ]);
      } else this.x.adamwSegments(p, gr, mm, vv, 0, n, ...hyper, this.segmentTable, group.length);
    }
  }
}
