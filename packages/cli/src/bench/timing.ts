// Timing for benchmarks: warm up until the JIT has settled (V8 compiles wasm and hot JavaScript
// in tiers; the first calls run on the baseline tier), then time repetitions and report the
// median. Never used in tests: speed lives in `glassbox bench` only.

export interface Timing {
  /** Median milliseconds per call. */
  ms: number;
  reps: number;
}

export interface TimingOptions {
  /** Keep calling for at least this long before timing (default 300 ms). */
  warmupMs?: number;
  /** Time at least this many calls (default 5) … */
  minReps?: number;
  /** … and keep going until this much time is spent (default 1000 ms), up to maxReps. */
  minMs?: number;
  maxReps?: number;
}

/** A call slower than this is timed once: the slow peers (plain loops, transposed tfjs) take seconds. */
const SLOW_CALL_MS = 1000;

export function measure(fn: () => void, opts: TimingOptions = {}): Timing {
  const { warmupMs = 300, minReps = 5, minMs = 1000, maxReps = 200 } = opts;
  const first = performance.now();
  fn();
  const firstMs = performance.now() - first;
  if (firstMs > SLOW_CALL_MS) return { ms: firstMs, reps: 1 };
  const warmEnd = first + warmupMs;
  while (performance.now() < warmEnd) fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minReps || (performance.now() - start < minMs && times.length < maxReps)) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return { ms: median(times), reps: times.length };
}

/**
 * Several functions timed in turn (one call of each per round, after a shared warm-up), so that
 * a load spike on a shared machine slows them all alike: fair ratios. Median ms per call of each.
 */
export function measureInTurn(fns: (() => void)[], opts: TimingOptions = {}): Timing[] {
  const { warmupMs = 300, minReps = 5, minMs = 1000, maxReps = 200 } = opts;
  const warmEnd = performance.now() + warmupMs;
  while (performance.now() < warmEnd) for (const fn of fns) fn();
  const times: number[][] = fns.map(() => []);
  const start = performance.now();
  while (
    times[0].length < minReps ||
    (performance.now() - start < minMs * fns.length && times[0].length < maxReps)
  ) {
    fns.forEach((fn, i) => {
      const t0 = performance.now();
      fn();
      times[i].push(performance.now() - t0);
    });
  }
  return times.map((t) => ({ ms: median(t), reps: t.length }));
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
