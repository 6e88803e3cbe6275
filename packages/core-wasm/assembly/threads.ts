// Work sharing across threads (the threaded build only: shared memory, atomics). Every thread is
// an instance of this module over the same memory, with its own scratch. The host writes a job
// into a control block; the calling thread and the workers then take chunks of it from an atomic
// counter until none are left (dynamic, not a fixed split: on these machines one core is
// sometimes much slower than the other).
//
// Control block, i32 words at `ctrl`: [0] generation  [1] job  [2] next chunk  [3] workers done
// [4] chunk count; f64 arguments from ctrl + 64.

import { attentionBackwardPairs, attentionForwardPairs } from './attention';
import { geluBackward, geluForward } from './gelu';
import { matmulBlock } from './matmul';

const JOB_EXIT = 0;
const JOB_MATMUL = 1;
const JOB_ATTENTION_FORWARD = 2;
const JOB_ATTENTION_BACKWARD = 3;
const JOB_GELU_FORWARD = 4;
const JOB_GELU_BACKWARD = 5;

@inline function arg(ctrl: usize, i: i32): f64 {
  return load<f64>(ctrl + 64 + (<usize>i << 3));
}
@inline function iarg(ctrl: usize, i: i32): i32 {
  return <i32>arg(ctrl, i);
}
@inline function parg(ctrl: usize, i: i32): usize {
  return <usize>arg(ctrl, i);
}

function runChunk(ctrl: usize, job: i32, chunk: i32): void {
  if (job == JOB_MATMUL) {
    // args: c a b bias M K N transA transB accumulate lda ldb ldc, then rows-or-columns flag and chunk size
    const M = iarg(ctrl, 4), N = iarg(ctrl, 6), size = iarg(ctrl, 14);
    let i0 = 0, i1 = M, j0 = 0, j1 = N;
    if (iarg(ctrl, 13)) {
      j0 = chunk * size;
      j1 = min(N, j0 + size);
    } else {
      i0 = chunk * size;
      i1 = min(M, i0 + size);
    }
    matmulBlock(
      parg(ctrl, 0), parg(ctrl, 1), parg(ctrl, 2), parg(ctrl, 3), M, iarg(ctrl, 5), N,
      iarg(ctrl, 7), iarg(ctrl, 8), iarg(ctrl, 9), iarg(ctrl, 10), iarg(ctrl, 11), iarg(ctrl, 12), i0, i1, j0, j1,
    );
  } else if (job == JOB_ATTENTION_FORWARD) {
    // args: out att qkv T C nh
    attentionForwardPairs(parg(ctrl, 0), parg(ctrl, 1), parg(ctrl, 2), iarg(ctrl, 3), iarg(ctrl, 4), iarg(ctrl, 5), chunk, chunk + 1);
  } else if (job == JOB_ATTENTION_BACKWARD) {
    // args: dqkv datt dout qkv att T C nh
    attentionBackwardPairs(
      parg(ctrl, 0), parg(ctrl, 1), parg(ctrl, 2), parg(ctrl, 3), parg(ctrl, 4), iarg(ctrl, 5), iarg(ctrl, 6), iarg(ctrl, 7), chunk, chunk + 1,
    );
  } else if (job == JOB_GELU_FORWARD || job == JOB_GELU_BACKWARD) {
    // args: (forward) out inp n size | (backward) dinp inp dout n size — chunks of `size` elements
    const fwd = job == JOB_GELU_FORWARD;
    const n = iarg(ctrl, fwd ? 2 : 3), size = iarg(ctrl, fwd ? 3 : 4);
    const start = chunk * size;
    const len = min(size, n - start);
    const off = <usize>start << 2;
    if (fwd) geluForward(parg(ctrl, 0) + off, parg(ctrl, 1) + off, len);
    else geluBackward(parg(ctrl, 0) + off, parg(ctrl, 1) + off, parg(ctrl, 2) + off, len);
  }
}

function work(ctrl: usize): void {
  const job = atomic.load<i32>(ctrl, 4);
  const chunks = atomic.load<i32>(ctrl, 16);
  while (true) {
    const chunk = atomic.add<i32>(ctrl, 1, 8);
    if (chunk >= chunks) return;
    runChunk(ctrl, job, chunk);
  }
}

/** A worker thread's whole life: wait for a job, help with it, report, repeat; JOB_EXIT ends it. */
export function workerLoop(ctrl: usize): void {
  let seen = 0;
  while (true) {
    atomic.wait<i32>(ctrl, seen, -1);
    const generation = atomic.load<i32>(ctrl);
    if (generation == seen) continue;
    seen = generation;
    if (atomic.load<i32>(ctrl, 4) == JOB_EXIT) return;
    work(ctrl);
    atomic.add<i32>(ctrl, 1, 12);
    atomic.notify(ctrl + 12);
  }
}

/** The calling thread: publish the job written at ctrl, work on it too, wait for every worker. */
export function runParallel(ctrl: usize, workers: i32): void {
  atomic.store<i32>(ctrl, 0, 8);
  atomic.store<i32>(ctrl, 0, 12);
  atomic.add<i32>(ctrl, 1);
  atomic.notify(ctrl);
  work(ctrl);
  while (true) {
    const done = atomic.load<i32>(ctrl, 12);
    if (done >= workers) return;
    atomic.wait<i32>(ctrl + 12, done, -1);
  }
}
