// Seeded randomness for everything in glassbox: xoshiro128** (core-wasm's xoshiro128ss step).
// Its whole state is four integers that serialise to JSON, which is how a resumed training run
// continues the exact random stream it stopped in.
// Not for cryptography.

import { xoshiro128ss } from '@glassbox/core-wasm';

export type RandomState = [number, number, number, number];

export class Random {
  private s: Uint32Array;

  /** A generator seeded from any integer (expanded with splitmix32 so nearby seeds diverge). */
  constructor(seed: number | RandomState = 1337) {
    this.s = new Uint32Array(4);
    if (Array.isArray(seed)) {
      this.s.set(seed);
    } else {
      let x = seed >>> 0;
      for (let i = 0; i < 4; i++) {
        x = (x + 0x9e3779b9) >>> 0;
        let z = x;
        z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
        this.s[i] = (z ^ (z >>> 16)) >>> 0;
      }
    }
    if (this.s.every((v) => v === 0)) this.s[0] = 1;
  }

  /** Next 32 random bits as an unsigned integer. */
  nextU32(): number {
    return xoshiro128ss(this.s);
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * Standard normal by Box–Muller. It spends two uniforms per value (no cached spare), so the
   * whole generator state is the four words that state() returns.
   */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** The full state, to save; `new Random(state)` continues the same stream. */
  state(): RandomState {
    return [this.s[0], this.s[1], this.s[2], this.s[3]];
  }
}
