// The threaded build: every kernel of index.ts, plus the work-sharing entry points.
export * from './index';
export { matmulPackChunks, runParallel, stopWorkers, workerLoop } from './threads';
