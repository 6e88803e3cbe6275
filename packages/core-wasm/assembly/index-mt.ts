// The threaded build: every kernel of index.ts, plus the work-sharing entry points.
export * from './index';
export { guidedChunks, matmulPackChunks, runParallel, stopWorkers, waitClock, waitedMs, workerLoop } from './threads';
