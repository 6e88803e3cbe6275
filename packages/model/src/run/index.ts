// @glassbox/model/run — runs as the front ends see them (filled in by the run layer).
export { etaSeconds, type Progress, type ProgressFn } from '../util/progress.js';
