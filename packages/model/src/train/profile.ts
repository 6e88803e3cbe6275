// Where a training step's time goes: a profiler that times every kernel call of a model's Kernels
// and files it under a family — the matmuls by direction and GPT-2 layer (attn.c_attn, attn.c_proj,
// mlp.c_fc, mlp.c_proj, lm_head), attention, layernorm, GELU, softmax + cross-entropy, AdamW, the
// embedding lookup, gradient clipping, residual adds and bias gradients — with FLOP or byte counts
// for GFLOP/s and GB/s. What no kernel accounts for is "JavaScript between calls" (the loop,
// batching, bookkeeping). On several threads, the time the calling thread spends inside a kernel
// waiting for the workers (Kernels.waits: at the end of each job and at its barriers) is taken out
// of that kernel's family and filed as "thread waiting", so a family's GFLOP/s are over its own
// working time; handing the work to the threads stays in the family's time.
//
// Zero cost when off: start() shadows the instance's methods with timed wrappers (own properties)
// and stop() removes them, so an unprofiled run calls the kernels exactly as before. Profiling
// changes no computed number (each wrapper calls the same kernel with the same arguments).
// Not handled: kernels called through another Kernels object (a LoRA adapter's own, evaluation).

import type { Kernels, MatmulArgs } from '@glassbox/core-wasm';
import type { GPTConfig } from '../gpt/config.js';

export interface ProfileRow {
  family: string;
  ms: number;
  calls: number;
  /** Of the step's wall time. */
  share: number;
  gflops?: number;
  /** Memory traffic of the kernel's inputs and outputs over its time (a lower bound). */
  gbPerSecond?: number;
}

export interface StepProfile {
  step: number;
  /** Wall time of the step, from the end of the previous step (or evaluation) to its end. */
  ms: number;
  /** Families by time, most first; "JavaScript between calls" is the remainder. */
  rows: ProfileRow[];
}

export const BETWEEN_CALLS = 'JavaScript between calls';
/** The calling thread waiting for the worker threads inside threaded kernels. */
export const THREAD_WAITING = 'thread waiting';

type Method = keyof Omit<Kernels, 'threads' | 'dispose' | 'arena' | 'impl' | 'waits'>;
interface Cost {
  family: string;
  flops?: number;
  bytes?: number;
}
type Classify = (...args: never[]) => Cost;

const F32 = 4;

/** The GPT-2 layer a matmul of a linear layer (in → out features) belongs to. */
function layerOf(inp: number, out: number, C: number, V: number): string {
  if (inp === C && out === 3 * C) return 'attn.c_attn';
  if (inp === C && out === C) return 'attn.c_proj';
  if (inp === C && out === 4 * C) return 'mlp.c_fc';
  if (inp === 4 * C && out === C) return 'mlp.c_proj';
  if ((inp === C && out === V) || (inp === V && out === C)) return 'lm_head';
  return `${inp}→${out}`;
}

/**
 * A matmul's family. Forward: out = inp·W (m, in)·(in, out), or the head's logits = x·wteᵀ.
 * Backward: dinp = dout·Wᵀ (transB), dW += inpᵀ·dout (transA), and the head's dx = dlogits·wte.
 */
function matmulFamily({ m, k, n, transA, transB }: MatmulArgs, C: number, V: number): Cost {
  const flops = 2 * m * k * n;
  if (transA) return { family: `matmul backward · ${layerOf(m, n, C, V)}`, flops };
  if (transB && n === V) return { family: 'matmul forward · lm_head', flops };
  if (transB) return { family: `matmul backward · ${layerOf(n, k, C, V)}`, flops };
  if (k === V) return { family: 'matmul backward · lm_head', flops };
  return { family: `matmul forward · ${layerOf(k, n, C, V)}`, flops };
}

function classifiers(config: GPTConfig): Partial<Record<Method, Classify>> {
  const C = config.nEmbd;
  const V = config.vocabSize;
  const attnFlops = (B: number, T: number, Cm: number) => 2 * B * T * T * Cm; // q·kᵀ and att·v, causal half
  return {
    matmul: ((a: MatmulArgs) => matmulFamily(a, C, V)) as Classify,
    // A linear layer's dinp and dW side by side: one call, filed under the first's layer.
    matmulPair: ((a: MatmulArgs, b: MatmulArgs) => ({
      family: matmulFamily(a, C, V).family,
      flops: 2 * (a.m * a.k * a.n + b.m * b.k * b.n),
    })) as Classify,
    attentionForward: ((_o: number, _a: number, _q: number, B: number, T: number, Cm: number) => ({
      family: 'attention forward',
      flops: attnFlops(B, T, Cm),
    })) as Classify,
    attentionBackward: ((
      _d: number,
      _da: number,
      _do: number,
      _q: number,
      _a: number,
      B: number,
      T: number,
      Cm: number,
    ) => ({
      family: 'attention backward',
      flops: 2 * attnFlops(B, T, Cm),
    })) as Classify,
    layernormForward: ((
      _o: number,
      _m: number,
      _r: number,
      _i: number,
      _w: number,
      _b: number,
      rows: number,
      Cl: number,
    ) => ({
      family: 'layernorm',
      bytes: 2 * rows * Cl * F32,
    })) as Classify,
    layernormBackward: ((...a: number[]) => ({
      family: 'layernorm',
      bytes: 3 * a[8] * a[9] * F32,
    })) as Classify,
    geluForward: ((_o: number, _i: number, n: number, saved?: number) => ({
      family: 'GELU',
      bytes: (saved ? 3 : 2) * n * F32,
    })) as Classify,
    geluBackward: ((_d: number, _i: number, _o: number, n: number, saved?: number) => ({
      family: 'GELU',
      bytes: (saved ? 4 : 3) * n * F32,
    })) as Classify,
    softmaxForward: ((_o: number, _i: number, rows: number, cols: number) => ({
      family: 'softmax',
      bytes: 2 * rows * cols * F32,
    })) as Classify,
    softmaxBackward: ((_d: number, _o: number, _do: number, rows: number, cols: number) => ({
      family: 'softmax',
      bytes: 3 * rows * cols * F32,
    })) as Classify,
    crossEntropyForward: ((_p: number, _l: number, _x: number, _t: number, rows: number, vocab: number) => ({
      family: 'softmax + cross-entropy',
      bytes: 2 * rows * vocab * F32,
    })) as Classify,
    crossEntropyBackward: ((_d: number, _p: number, _t: number, rows: number, vocab: number) => ({
      family: 'softmax + cross-entropy',
      bytes: 2 * rows * vocab * F32,
    })) as Classify,
    adamw: ((a: { n: number }) => ({ family: 'AdamW', bytes: 7 * a.n * F32 })) as Classify,
    gather: ((_o: number, _t: number, _i: number, n: number, Ce: number) => ({
      family: 'embedding',
      bytes: 2 * n * Ce * F32,
    })) as Classify,
    scatterAdd: ((_d: number, _o: number, _i: number, n: number, Ce: number) => ({
      family: 'embedding',
      bytes: 3 * n * Ce * F32,
    })) as Classify,
    sumSquares: ((_x: number, n: number) => ({ family: 'gradient clipping', bytes: n * F32 })) as Classify,
    scale: ((_x: number, n: number) => ({ family: 'gradient clipping', bytes: 2 * n * F32 })) as Classify,
    add: ((_o: number, _a: number, _b: number, n: number) => ({
      family: 'residual add',
      bytes: 3 * n * F32,
    })) as Classify,
    columnSums: ((_o: number, _i: number, rows: number, cols: number) => ({
      family: 'bias gradients',
      bytes: rows * cols * F32,
    })) as Classify,
  };
}

interface Tally {
  ms: number;
  calls: number;
  flops: number;
  bytes: number;
}

export class KernelProfiler {
  private readonly tallies = new Map<string, Tally>();
  private readonly saved = new Map<Method, PropertyDescriptor | undefined>();
  private since = performance.now();

  constructor(
    private readonly kernels: Kernels,
    private readonly config: GPTConfig,
  ) {}

  /** Starts timing every kernel call (and the first step's clock). */
  start(): void {
    if (this.saved.size > 0) return;
    const target = this.kernels as unknown as Record<string, unknown>;
    const kernels = this.kernels;
    const waits = kernels.waits;
    const tally = (family: string, ms: number, cost: Cost = { family }) => {
      const t = this.tallies.get(family) ?? { ms: 0, calls: 0, flops: 0, bytes: 0 };
      t.ms += ms;
      t.calls++;
      t.flops += cost.flops ?? 0;
      t.bytes += cost.bytes ?? 0;
      this.tallies.set(family, t);
    };
    for (const [name, classify] of Object.entries(classifiers(this.config)) as [Method, Classify][]) {
      const original = target[name] as (...args: unknown[]) => unknown;
      this.saved.set(name, Object.getOwnPropertyDescriptor(target, name));
      target[name] = function timed(...args: unknown[]) {
        const w0 = waits ? waits.ms() : 0;
        const t0 = performance.now();
        const result = original.apply(kernels, args);
        const ms = performance.now() - t0;
        const waited = waits ? Math.min(ms, waits.ms() - w0) : 0;
        const cost = (classify as (...a: unknown[]) => Cost)(...args);
        tally(cost.family, ms - waited, cost);
        if (waited > 0) tally(THREAD_WAITING, waited);
        return result;
      };
    }
    waits?.clock(true);
    this.reset();
  }

  /** Restores the kernels' own methods. */
  stop(): void {
    if (this.saved.size > 0) this.kernels.waits?.clock(false);
    const target = this.kernels as unknown as Record<string, unknown>;
    for (const [name, descriptor] of this.saved) {
      if (descriptor) Object.defineProperty(target, name, descriptor);
      else delete target[name];
    }
    this.saved.clear();
  }

  /** Forgets what was timed since the last step (e.g. an evaluation between steps). */
  reset(): void {
    this.tallies.clear();
    this.since = performance.now();
  }

  /** The profile of the step that just ended, and a fresh start for the next. */
  takeStep(step: number): StepProfile {
    const ms = performance.now() - this.since;
    const rows: ProfileRow[] = [...this.tallies].map(([family, t]) => ({
      family,
      ms: t.ms,
      calls: t.calls,
      share: ms > 0 ? t.ms / ms : 0,
      ...(t.flops > 0 && t.ms > 0 ? { gflops: t.flops / t.ms / 1e6 } : {}),
      ...(t.bytes > 0 && t.ms > 0 ? { gbPerSecond: t.bytes / t.ms / 1e6 } : {}),
    }));
    const inKernels = rows.reduce((s, r) => s + r.ms, 0);
    const rest = Math.max(0, ms - inKernels);
    rows.push({ family: BETWEEN_CALLS, ms: rest, calls: 0, share: ms > 0 ? rest / ms : 0 });
    rows.sort((a, b) => b.ms - a.ms);
    this.reset();
    return { step, ms, rows };
  }
}

/** Per family, the median over steps of its milliseconds (and of the step's), for a summary table. */
export function medianProfile(profiles: StepProfile[]): StepProfile {
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const mid = s.length >> 1;
    return s.length === 0 ? 0 : s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  };
  const ms = median(profiles.map((p) => p.ms));
  const families = new Map<string, ProfileRow[]>();
  for (const p of profiles)
    for (const r of p.rows) families.set(r.family, [...(families.get(r.family) ?? []), r]);
  const rows: ProfileRow[] = [...families].map(([family, rs]) => {
    const m = median(rs.map((r) => r.ms));
    const rate = (pick: (r: ProfileRow) => number | undefined) => {
      const xs = rs.map(pick).filter((x): x is number => x !== undefined);
      return xs.length ? median(xs) : undefined;
    };
    const gflops = rate((r) => r.gflops);
    const gb = rate((r) => r.gbPerSecond);
    return {
      family,
      ms: m,
      calls: rs[0].calls,
      share: ms > 0 ? m / ms : 0,
      ...(gflops === undefined ? {} : { gflops }),
      ...(gb === undefined ? {} : { gbPerSecond: gb }),
    };
  });
  rows.sort((a, b) => b.ms - a.ms);
  return { step: profiles.at(-1)?.step ?? 0, ms, rows };
}
