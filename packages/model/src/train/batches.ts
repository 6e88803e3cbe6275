// Random training batches from a token array, as nanoGPT samples them: B windows of T + 1 tokens
// at uniformly random offsets; inputs are the first T, targets the last T. The sampler's random
// state is its whole "data cursor", so saving it resumes the exact same batch sequence.

import { GlassboxError } from '../util/errors.js';
import { Random, type RandomState } from '../util/random.js';

export type TokenArray = Uint16Array | Uint32Array | Int32Array | number[];

export class BatchSampler {
  private rng: Random;

  constructor(
    readonly data: TokenArray,
    readonly B: number,
    readonly T: number,
    seed: number | RandomState,
    what = 'training data',
  ) {
    if (data.length < T + 1) {
      throw new GlassboxError(
        `${what} has ${data.length} tokens, fewer than one window of ${T + 1} (block size + 1); use more text or a smaller block size`,
      );
    }
    this.rng = new Random(seed);
  }

  /** Fills tokens and targets (each B·T) with the next random batch. */
  next(tokens: Int32Array, targets: Int32Array): void {
    const { B, T, data } = this;
    const span = data.length - T;
    for (let b = 0; b < B; b++) {
      const start = this.rng.int(span);
      for (let t = 0; t < T; t++) {
        tokens[b * T + t] = data[start + t];
        targets[b * T + t] = data[start + t + 1];
      }
    }
  }

  state(): RandomState {
    return this.rng.state();
  }
}
