// The bench's interval for a median: ranks from the binomial tables, and coverage by simulation.
import { describe, expect, it } from 'vitest';
import { medianInterval } from '../src/bench/timing.js';

/** P(Binomial(n, ½) ≤ k), exactly, with BigInt binomial coefficients (not the code's recurrence). */
function binomialTail(n: number, k: number): number {
  let sum = 0n;
  for (let i = 0; i <= k; i++) {
    let c = 1n;
    for (let m = 0; m < i; m++) c = (c * BigInt(n - m)) / BigInt(m + 1);
    sum += c;
  }
  return Number(sum) / 2 ** n;
}

describe('medianInterval', () => {
  it("gives the binomial tables' ranks: 8th to 18th of 25, 6th to 15th of 20, at 95 %", () => {
    const shuffled = (n: number) => Array.from({ length: n }, (_, i) => ((i * 7) % n) + 1);
    const i25 = medianInterval(shuffled(25));
    expect([i25.low, i25.high]).toEqual([8, 18]);
    expect(i25.coverage).toBeCloseTo(1 - 2 * binomialTail(25, 7), 12);
    expect(i25.coverage).toBeGreaterThanOrEqual(0.95);
    const i20 = medianInterval(shuffled(20).map((x) => x / 10));
    expect([i20.low, i20.high]).toEqual([0.6, 1.5]);
    expect(i20.coverage).toBeGreaterThanOrEqual(0.95);
    // A lower level moves inward: 80 % of 25 is the 9th to the 17th (90 % is still the 8th–18th).
    const i25w = medianInterval(shuffled(25), 0.8);
    expect([i25w.low, i25w.high]).toEqual([9, 17]);
  });

  it('falls back to the whole range, saying so, when too few values for the level', () => {
    const seven = medianInterval([5, 1, 3, 2, 7, 4, 6]);
    expect([seven.low, seven.high]).toEqual([1, 7]);
    expect(seven.coverage).toBeCloseTo(1 - 2 / 128, 12);
    const five = medianInterval([5, 1, 3, 2, 4]);
    expect([five.low, five.high]).toEqual([1, 5]);
    expect(five.coverage).toBeLessThan(0.95);
    expect(medianInterval([3]).low).toBe(3);
    expect(() => medianInterval([])).toThrow(/no values/);
  });

  it('holds the true median as often as it says, on a skewed distribution', () => {
    // Exponential draws (median ln 2) from a seeded generator: 4,000 samples of 25.
    let s = 12345;
    const uniform = () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return (s + 0.5) / 2 ** 32;
    };
    let held = 0;
    const trials = 4000;
    for (let t = 0; t < trials; t++) {
      const xs = Array.from({ length: 25 }, () => -Math.log(uniform()));
      const { low, high } = medianInterval(xs);
      if (low <= Math.LN2 && Math.LN2 <= high) held++;
    }
    // Expected 95.7 % (one rank narrower would be 89.2 %, one wider 98.5 %).
    expect(held / trials).toBeGreaterThan(0.945);
    expect(held / trials).toBeLessThan(0.968);
  });
});
