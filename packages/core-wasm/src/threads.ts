// Worker threads for the threaded core, in Node (worker_threads) and the browser (Web Workers):
// each runs thread-worker.js, which instantiates core-mt.wasm over the same shared memory and
// enters the module's work loop. The control block protocol lives in assembly/threads.ts.

import type { Ptr } from './arena.js';

export const JOB = {
  exit: 0,
  matmul: 1,
  attentionForward: 2,
  attentionBackward: 3,
  geluForward: 4,
  geluBackward: 5,
  layernormForward: 6,
  adamw: 7,
  matvec: 8,
  matmulPair: 9,
  ceiling: 10,
  layernormBackward: 11,
} as const;

/** What a worker needs to join: the compiled module, the shared memory and its own scratch. */
export interface ThreadInit {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  ctrl: Ptr;
  scratch: Ptr;
  /** 1 when thin products take matmul's thin path (WasmKernelOptions.thinMatmul). */
  thinMatmul: number;
}

export interface ThreadHandle {
  terminate(): void;
}

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

export async function spawnThread(init: ThreadInit): Promise<ThreadHandle> {
  const url = new URL('./thread-worker.js', import.meta.url);
  if (isNode) {
    const { Worker } = process.getBuiltinModule(
      'node:worker_threads',
    ) as typeof import('node:worker_threads');
    const worker = new Worker(url, { workerData: init });
    worker.unref(); // a blocked worker must not keep the process alive
    return { terminate: () => void worker.terminate() };
  }
  const worker = new Worker(url, { type: 'module' });
  worker.postMessage(init);
  return { terminate: () => worker.terminate() };
}

/** Whether this environment can share memory between threads (browsers: cross-origin isolated). */
export function threadsAvailable(): boolean {
  if (typeof SharedArrayBuffer === 'undefined') return false;
  return isNode || (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

/** Cores this machine offers (Node: os.availableParallelism; browsers: hardwareConcurrency). */
export function availableCores(): number {
  if (isNode) return (process.getBuiltinModule('node:os') as typeof import('node:os')).availableParallelism();
  return (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
}
