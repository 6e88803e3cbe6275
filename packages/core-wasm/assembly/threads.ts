// Work sharing across threads (the threaded build only: shared memory, atomics). Every thread is
// an instance of this module over the same memory, with its own scratch. The calling thread
// publishes a job; it and the workers take chunks of it until none are left (dynamic, not a fixed
// split: on these machines one core is sometimes much slower than the other), and the caller
// returns once every chunk is complete — it never waits for a worker that took none, so a worker
// the OS has not scheduled yet costs nothing.
//
// Control block at `ctrl`:
//   +0  i64 ticket = generation (16 bits) | chunk count (24 bits) | next chunk (24 bits)
//   +8  i32 chunks completed          +12 i32 wake counter (workers sleep on it)
//   +16 i32 a job's first phase's chunks completed (a matmul's packing of B); for a pair of
//       products, product 0 is packed (and +20 product 1)
//   +24 i32 a pair's next row chunk of product 0 (and +28 of product 1)
//   +64 f64 arguments[48]; argument 23 is the job kind; 20–22 the schedule of a guided job; a pair's
//       second product at 24–46, laid out as the first
// A worker may take a chunk only with a compare-and-swap on the ticket, which fails once the
// generation moved on; and the caller rewrites the arguments only after every chunk of the previous
// job completed, so a chunk always reads the arguments of its own job.
//
// The wait clock (waitClock, waitedMs; off unless a profiler turns it on): the time this instance's
// thread spends waiting for the others, read from the host's clock (the import env.now, in ms) —
// at the end of every job from its last chunk taken to the job's completion, and at a job's inner
// barriers when it has to wait there. Only the caller's instance is read; the workers' clocks stay off.

import { attentionBackwardPairs, attentionForwardPairs } from './attention';
import { adamwSegments } from './adamw';
import { geluBackward, geluForward } from './gelu';
import { layernormBackwardInput, layernormBackwardParams, layernormForward } from './layernorm';
import { matmulBlock, packBPanels, tileCeiling } from './matmul';
import { NR } from './scratch';
import { matvecBlock } from './matvec';

const JOB_EXIT = 0;
const JOB_MATMUL = 1;
const JOB_ATTENTION_FORWARD = 2;
const JOB_ATTENTION_BACKWARD = 3;
const JOB_GELU_FORWARD = 4;
const JOB_GELU_BACKWARD = 5;
const JOB_LAYERNORM_FORWARD = 6;
const JOB_ADAMW = 7;
const JOB_MATVEC = 8;
const JOB_MATMUL_PAIR = 9;
const JOB_CEILING = 10;
const JOB_LAYERNORM_BACKWARD = 11;
const FIELD: u64 = 0xffffff;

/** The host's clock in milliseconds (performance.now). */
@external("env", "now")
declare function now(): f64;

let clocking = false;
let waited: f64 = 0;

/** Turns the wait clock on (1) or off (0); its total carries on from where it was. */
export function waitClock(on: i32): void {
  clocking = on != 0;
}

/** Milliseconds this thread has waited for the others while the clock was on. */
export function waitedMs(): f64 {
  return waited;
}

@inline function clockStart(): f64 {
  return clocking ? now() : 0;
}

@inline function clockStop(t0: f64): void {
  if (clocking) waited += now() - t0;
}

/**
 * A job's inner barrier: spins until the counter at `at` reaches `count` (packing chunks done, or a
 * pair's packed flag set), the wait clocked only when there is a wait.
 */
@inline function awaitCount(at: usize, count: i32): void {
  if (atomic.load<i32>(at) >= count) return;
  const t0 = clockStart();
  while (atomic.load<i32>(at) < count) {}
  clockStop(t0);
}
/** 8-column panels of B per packing chunk of a matmul (64 columns: 8 chunks for 512). */
export const PACK_PANELS = 8;
/** The argument slot holding the job kind. */
const JOB_ARG = 23;
/**
 * Checks before a waiting thread sleeps, about a millisecond here: the next job (or a worker's last
 * chunk) usually comes within tens of microseconds, and a sleeping thread takes about as long to
 * wake. Measured on the baby recipe's 88 jobs per step on 2 threads: at 20,000 checks (about 70 µs)
 * the worker slept before 59 of them and the caller 43 times; at 250,000, 2.3 and 1 times.
 * An idle pool spins for about 1 ms after its last job, then sleeps.
 */
const SPINS = 250000;

@inline function arg(ctrl: usize, i: i32): f64 {
  return load<f64>(ctrl + 64 + (<usize>i << 3));
}
@inline function iarg(ctrl: usize, i: i32): i32 {
  return <i32>arg(ctrl, i);
}
@inline function parg(ctrl: usize, i: i32): usize {
  return <usize>arg(ctrl, i);
}

/** The argument slots of a guided job's schedule: unit, divisor, least (see guidedStart). */
const SCHEDULE_ARG = 20;
/** Where a pair's second product's arguments (schedule included) start. */
const PAIR_SLOTS = 24;

/**
 * Where chunk `i` of a guided job over `total` items starts (`total` past the last chunk). Guided
 * self-scheduling: each chunk takes 1/div of what the chunks before it left, in whole units and
 * at least `least` items (a multiple of unit), so the first chunks are large and the last ones
 * small — a thread that runs out of work waits at most a small chunk for the others, where equal
 * chunks made it wait for up to a whole one (measured on the baby recipe, 2 threads: ~0.1 ms per
 * job on average, 5 % of the step). Any split gives the same numbers: chunks start on whole units.
 */
@inline function guidedStart(i: i32, total: i32, unit: i32, div: i32, least: i32): i32 {
  let start = 0;
  for (let j = 0; j < i && start < total; j++) start += guidedTake(total - start, unit, div, least);
  return min(start, total);
}

/** The items the next chunk of a guided job takes when `left` remain (may run past the end). */
@inline function guidedTake(left: i32, unit: i32, div: i32, least: i32): i32 {
  return max(least, ((left + div - 1) / div + unit - 1) / unit * unit);
}

/** The number of chunks of a guided job (the caller publishes this many). */
export function guidedChunks(total: i32, unit: i32, div: i32, least: i32): i32 {
  let n = 0;
  for (let start = 0; start < total; n++) start += guidedTake(total - start, unit, div, least);
  return n;
}

/**
 * Chunk `chunk` of a guided job over `total` items, its schedule at slot `base` + SCHEDULE_ARG:
 * start in the high 32 bits, end in the low.
 */
@inline function guidedSpan(ctrl: usize, chunk: i32, total: i32, base: i32 = 0): u64 {
  const unit = iarg(ctrl, base + SCHEDULE_ARG), div = iarg(ctrl, base + SCHEDULE_ARG + 1), least = iarg(ctrl, base + SCHEDULE_ARG + 2);
  const start = guidedStart(chunk, total, unit, div, least);
  const end = min(total, start + guidedTake(total - start, unit, div, least));
  return (<u64>start << 32) | <u64>end;
}

function runChunk(ctrl: usize, job: i32, chunk: i32): void {
  if (job == JOB_LAYERNORM_FORWARD) {
    // args: out mean rstd inp weight bias rows C eps; guided over rows
    const rows = iarg(ctrl, 6), C = iarg(ctrl, 7);
    const span = guidedSpan(ctrl, chunk, rows);
    const r0 = <i32>(span >> 32), r1 = <i32>span;
    const off = <usize>r0 * C << 2, roff = <usize>r0 << 2;
    layernormForward(
      parg(ctrl, 0) + off, parg(ctrl, 1) + roff, parg(ctrl, 2) + roff, parg(ctrl, 3) + off,
      parg(ctrl, 4), parg(ctrl, 5), r1 - r0, C, <f32>arg(ctrl, 8),
    );
  } else if (job == JOB_LAYERNORM_BACKWARD) {
    // args: dinp dweight dbias dout inp weight mean rstd rows C width. The first ⌈C / width⌉
    // chunks sum dweight and dbias over `width` columns each (a multiple of 4), down all the rows
    // in order; the rest are guided over rows for dinp. Independent: no chunk waits for another.
    const rows = iarg(ctrl, 8), C = iarg(ctrl, 9), width = iarg(ctrl, 10);
    const strips = (C + width - 1) / width;
    if (chunk < strips) {
      const c0 = chunk * width;
      layernormBackwardParams(
        parg(ctrl, 1), parg(ctrl, 2), parg(ctrl, 3), parg(ctrl, 4), parg(ctrl, 6), parg(ctrl, 7), rows, C, c0, min(C, c0 + width),
      );
    } else {
      const span = guidedSpan(ctrl, chunk - strips, rows);
      layernormBackwardInput(
        parg(ctrl, 0), parg(ctrl, 3), parg(ctrl, 4), parg(ctrl, 5), parg(ctrl, 6), parg(ctrl, 7), <i32>(span >> 32), <i32>span, C,
      );
    }
  } else if (job == JOB_ADAMW) {
    // args: params grads m v n lr beta1 beta2 eps wd bc1 bc2 clear table count; guided over
    // elements (in units of 16: a chunk starts where a vector of every segment starts)
    const span = guidedSpan(ctrl, chunk, iarg(ctrl, 4));
    adamwSegments(
      parg(ctrl, 0), parg(ctrl, 1), parg(ctrl, 2), parg(ctrl, 3), <i32>(span >> 32), <i32>span,
      <f32>arg(ctrl, 5), <f32>arg(ctrl, 6), <f32>arg(ctrl, 7), <f32>arg(ctrl, 8), <f32>arg(ctrl, 9), <f32>arg(ctrl, 10), <f32>arg(ctrl, 11),
      iarg(ctrl, 12), parg(ctrl, 13), iarg(ctrl, 14),
    );
  } else if (job == JOB_MATMUL) {
    // args: c a b bias M K N transA transB accumulate lda ldb ldc, split-by-columns flag, shared
    // buffer for B packed once (0: each chunk packs its own), packing chunks P, and where the
    // packing chunks add B's column sums (0: nowhere; B then not transposed).
    // With P > 0 the first P chunks pack B's panels into the shared buffer, PACK_PANELS each, and
    // the product's chunks (P onwards) start once all P are done (counted at ctrl + 16). Chunks are
    // taken in order, so every packing chunk is already someone's when a product chunk waits.
    // The product's chunks are guided over rows (units of 4) or columns (units of 8).
    const packs = iarg(ctrl, 15);
    if (chunk < packs) {
      const N = iarg(ctrl, 6);
      const p0 = chunk * PACK_PANELS;
      packBPanels(
        parg(ctrl, 14), parg(ctrl, 2), iarg(ctrl, 11), iarg(ctrl, 8), iarg(ctrl, 5), N,
        p0, min(p0 + PACK_PANELS, (N + NR - 1) / NR), parg(ctrl, 16),
      );
      atomic.add<i32>(ctrl, 1, 16);
      return;
    }
    chunk -= packs;
    awaitCount(ctrl + 16, packs);
    const M = iarg(ctrl, 4), N = iarg(ctrl, 6);
    let i0 = 0, i1 = M, j0 = 0, j1 = N;
    if (iarg(ctrl, 13)) {
      const span = guidedSpan(ctrl, chunk, N);
      j0 = <i32>(span >> 32);
      j1 = <i32>span;
    } else {
      const span = guidedSpan(ctrl, chunk, M);
      i0 = <i32>(span >> 32);
      i1 = <i32>span;
    }
    matmulSpan(ctrl, 0, i0, i1, j0, j1);
  } else if (job == JOB_MATMUL_PAIR) {
    matmulPairRole(ctrl, chunk);
  } else if (job == JOB_CEILING) {
    // args: reps; the micro-kernel alone on whichever thread takes the chunk (its own scratch)
    tileCeiling(iarg(ctrl, 0));
  } else if (job == JOB_MATVEC) {
    // args: y x b bias K N transB accumulate ldb size; chunks of `size` columns
    const N = iarg(ctrl, 5), size = iarg(ctrl, 9);
    const j0 = chunk * size;
    matvecBlock(
      parg(ctrl, 0), parg(ctrl, 1), parg(ctrl, 2), parg(ctrl, 3), iarg(ctrl, 4), N,
      iarg(ctrl, 6), iarg(ctrl, 7), iarg(ctrl, 8), j0, min(N, j0 + size),
    );
  } else if (job == JOB_ATTENTION_FORWARD) {
    // args: out att qkv T C nh; one chunk per (batch, head) pair
    attentionForwardPairs(parg(ctrl, 0), parg(ctrl, 1), parg(ctrl, 2), iarg(ctrl, 3), iarg(ctrl, 4), iarg(ctrl, 5), chunk, chunk + 1);
  } else if (job == JOB_ATTENTION_BACKWARD) {
    // args: dqkv datt dout qkv att T C nh
    attentionBackwardPairs(
      parg(ctrl, 0), parg(ctrl, 1), parg(ctrl, 2), parg(ctrl, 3), parg(ctrl, 4), iarg(ctrl, 5), iarg(ctrl, 6), iarg(ctrl, 7), chunk, chunk + 1,
    );
  } else if (job == JOB_GELU_FORWARD || job == JOB_GELU_BACKWARD) {
    // args: (forward) out inp n saved | (backward) dinp inp dout n saved; guided over elements
    // (whole vectors: a chunk's saved e^{2u} are those of whole vectors of the whole)
    const fwd = job == JOB_GELU_FORWARD;
    const span = guidedSpan(ctrl, chunk, iarg(ctrl, fwd ? 2 : 3));
    const start = <i32>(span >> 32);
    const len = <i32>span - start;
    const off = <usize>start << 2;
    const saved = parg(ctrl, fwd ? 3 : 4);
    if (fwd) geluForward(parg(ctrl, 0) + off, parg(ctrl, 1) + off, len, saved ? saved + off : 0);
    else geluBackward(parg(ctrl, 0) + off, parg(ctrl, 1) + off, parg(ctrl, 2) + off, len, saved ? saved + off : 0);
  }
}

/** Rows [i0, i1) and columns [j0, j1) of the matmul job whose arguments start at slot `base`. */
@inline function matmulSpan(ctrl: usize, base: i32, i0: i32, i1: i32, j0: i32, j1: i32): void {
  matmulBlock(
    parg(ctrl, base), parg(ctrl, base + 1), parg(ctrl, base + 2), parg(ctrl, base + 3),
    iarg(ctrl, base + 4), iarg(ctrl, base + 5), iarg(ctrl, base + 6),
    iarg(ctrl, base + 7), iarg(ctrl, base + 8), iarg(ctrl, base + 9), iarg(ctrl, base + 10), iarg(ctrl, base + 11), iarg(ctrl, base + 12),
    i0, i1, j0, j1, 0, parg(ctrl, base + 14),
  );
}

/**
 * A pair of independent row-split products (JOB_MATMUL_PAIR, e.g. a linear layer's dinp and dW),
 * one chunk — a role — per product. Each product's arguments are a matmul job's (slot 15 holds the
 * number of its guided row chunks, slot 14 its own part of the shared buffer). The thread in role
 * p packs all of product p's B alone and takes p's row chunks from the first, so each thread
 * mostly reads what it packed itself and no thread waits at a packing barrier or at the end of
 * the first product. Out of p's chunks, it helps with the other product's remaining ones, once that
 * one is packed, if some thread took it; if none did, it returns and work() gives it that role.
 * Every chunk computes what the product's own job would: the same numbers.
 */
function matmulPairRole(ctrl: usize, p: i32): void {
  const base = p * PAIR_SLOTS;
  const N = iarg(ctrl, base + 6);
  packBPanels(
    parg(ctrl, base + 14), parg(ctrl, base + 2), iarg(ctrl, base + 11), iarg(ctrl, base + 8), iarg(ctrl, base + 5), N,
    0, (N + NR - 1) / NR, parg(ctrl, base + 16),
  );
  atomic.store<i32>(ctrl + 16 + (<usize>p << 2), 1);
  pairRows(ctrl, p);
  const q = 1 - p;
  if (<i32>(atomic.load<u64>(ctrl) & FIELD) <= q) return; // nobody took role q yet
  awaitCount(ctrl + 16 + (<usize>q << 2), 1);
  pairRows(ctrl, q);
}

/** Takes and runs product p's guided row chunks of a pair until none are left. */
function pairRows(ctrl: usize, p: i32): void {
  const base = p * PAIR_SLOTS;
  const M = iarg(ctrl, base + 4), N = iarg(ctrl, base + 6), chunks = iarg(ctrl, base + 15);
  while (true) {
    const i = atomic.add<i32>(ctrl + 24 + (<usize>p << 2), 1);
    if (i >= chunks) return;
    const span = guidedSpan(ctrl, i, M, base);
    matmulSpan(ctrl, base, <i32>(span >> 32), <i32>span, 0, N);
  }
}

/** The packing chunks a row-split matmul of N columns takes first (PACK_PANELS panels each). */
export function matmulPackChunks(N: i32): i32 {
  return ((N + NR - 1) / NR + PACK_PANELS - 1) / PACK_PANELS;
}

/** Takes and runs chunks of generation `gen` until there are none left. */
function work(ctrl: usize, gen: u64): void {
  while (true) {
    const t = atomic.load<u64>(ctrl);
    if (t >> 48 != gen) return;
    const next = t & FIELD;
    const chunks = (t >> 24) & FIELD;
    if (next >= chunks) return;
    if (atomic.cmpxchg<u64>(ctrl, t, t + 1) != t) continue;
    runChunk(ctrl, iarg(ctrl, JOB_ARG), <i32>next);
    if (<u64>(atomic.add<i32>(ctrl, 1, 8) + 1) == chunks) atomic.notify(ctrl + 8);
  }
}

/** A worker thread's life: wait for a job, help with it, repeat; a JOB_EXIT job ends it. */
export function workerLoop(ctrl: usize): void {
  let wake = atomic.load<i32>(ctrl, 12);
  while (true) {
    let spins = 0;
    while (atomic.load<i32>(ctrl, 12) == wake && spins < SPINS) spins++;
    if (atomic.load<i32>(ctrl, 12) == wake) atomic.wait<i32>(ctrl + 12, wake, -1);
    wake = atomic.load<i32>(ctrl, 12);
    if (iarg(ctrl, JOB_ARG) == JOB_EXIT) return;
    work(ctrl, atomic.load<u64>(ctrl) >> 48);
  }
}

/**
 * The calling thread: publishes the job whose arguments are written at ctrl + 64 as `chunks`
 * chunks, works on it too, and returns when all are complete.
 */
export function runParallel(ctrl: usize, chunks: i32): void {
  const gen: u64 = ((atomic.load<u64>(ctrl) >> 48) + 1) & 0xffff;
  atomic.store<i32>(ctrl, 0, 8);
  atomic.store<u64>(ctrl, 0, 16);
  atomic.store<u64>(ctrl, 0, 24);
  atomic.store<u64>(ctrl, (gen << 48) | (<u64>chunks << 24));
  atomic.add<i32>(ctrl, 1, 12);
  atomic.notify(ctrl + 12);
  work(ctrl, gen);
  // Clocked whether or not it waits: one pair of readings per job (threads.test.ts counts them).
  const t0 = clockStart();
  awaitChunks(ctrl, chunks);
  clockStop(t0);
}

/** Returns once `chunks` chunks of the current job are complete. */
@inline function awaitChunks(ctrl: usize, chunks: i32): void {
  // The last chunk is usually a worker's, finishing within microseconds: spin before sleeping.
  for (let spins = 0; spins < SPINS; spins++) if (atomic.load<i32>(ctrl, 8) >= chunks) return;
  while (true) {
    const done = atomic.load<i32>(ctrl, 8);
    if (done >= chunks) return;
    atomic.wait<i32>(ctrl + 8, done, -1);
  }
}

/** Wakes every worker to exit (after the job kind was set to JOB_EXIT). */
export function stopWorkers(ctrl: usize): void {
  atomic.add<i32>(ctrl, 1, 12);
  atomic.notify(ctrl + 12);
}
