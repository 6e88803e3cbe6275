// The threaded build: every kernel of index.ts, plus the work-sharing entry points.
export * from './index';
export { runParallel, stopWorkers, workerLoop } from './threads';
