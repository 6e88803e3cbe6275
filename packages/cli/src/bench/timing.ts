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

/** A range the median of a population lies in, from a sample of it (see medianInterval). */
export interface MedianInterval {
  low: number;
  high: number;
  /** The chance that such a range holds the population's median (at least the level asked, if n ≥ 6 at 95 %). */
  coverage: number;
}

/**
 * A distribution-free interval for the median of the population `xs` was drawn from: the order
 * statistics x₍ⱼ₎ and x₍ₙ₊₁₋ⱼ₎, with j the largest rank whose tail P(Binomial(n, ½) < j) is at most
 * (1 − level)/2. It assumes only independent draws from one continuous distribution: for n = 25 at
 * 95 % it is the 8th to the 18th smallest value (coverage 95.7 %). With too few values for the level
 * (n ≤ 5 at 95 %) it is the whole range, and `coverage` says how much less than asked it holds.
 */
export function medianInterval(xs: number[], level = 0.95): MedianInterval {
  if (!xs.length) throw new Error('medianInterval: no values');
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  // tail[i] = P(X ≤ i) for X ~ Binomial(n, ½), summed from the binomial coefficients.
  const tail: number[] = [];
  let coefficient = 1;
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    sum += coefficient;
    tail.push(sum / 2 ** n);
    coefficient = (coefficient * (n - i)) / (i + 1);
  }
  // The largest j whose tail, P(X ≤ j − 1), fits in half of 1 − level, keeping x₍ⱼ₎ ≤ x₍ₙ₊₁₋ⱼ₎.
  let j = 1;
  while (2 * (j + 1) <= n + 1 && tail[j] <= (1 - level) / 2) j++;
  return { low: s[j - 1], high: s[n - j], coverage: 1 - 2 * tail[j - 1] };
}
