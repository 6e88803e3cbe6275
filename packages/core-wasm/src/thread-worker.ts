// One worker thread of the threaded core: instantiate core-mt.wasm over the shared memory, take
// its own scratch and the caller's choice of matmul paths, and run the work loop until told to exit.

import type { ThreadInit } from './threads.js';

async function start({ module, memory, ctrl, scratch, thinMatmul }: ThreadInit): Promise<void> {
  // env.now feeds the wait clock, which only the caller's instance turns on.
  const instance = await WebAssembly.instantiate(module, { env: { memory, now: () => performance.now() } });
  const x = instance.exports as {
    init(base: number): void;
    useThinMatmul(on: number): void;
    workerLoop(ctrl: number): void;
  };
  x.init(scratch);
  x.useThinMatmul(thinMatmul);
  x.workerLoop(ctrl);
}

if (typeof process !== 'undefined' && process.versions?.node) {
  const { workerData } = process.getBuiltinModule(
    'node:worker_threads',
  ) as typeof import('node:worker_threads');
  await start(workerData as ThreadInit);
} else {
  self.onmessage = (event: MessageEvent<ThreadInit>) => void start(event.data);
}
