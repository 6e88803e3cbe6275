// Batches of fine-tuning examples, epoch by epoch: each epoch visits every example once, in a
// seeded order of its own (so batch g is a function of g alone, and a resumed run continues with
// exactly the batches an uninterrupted one would have drawn). Two ways to lay examples into the
// (B, T) batch:
//   padding (default): one example per row, starting at position 0 as at inference; the rest of
//     the row is filler with no loss. T is the batch's longest example, not the block size.
//   packing: whole examples placed back to back in a row while they fit; never split across rows,
//     and no loss crosses from one example into the next. The attention is causal only, so a
//     later example in a row can see the earlier ones and starts at a later position: faster
//     (fewer filler tokens), not quite the inference setting.
// responseLoss is the exact mean loss over the reply tokens of a list of examples.

import type { GPT } from '../gpt/model.js';
import type { BatchSource } from '../train/trainer.js';
import { GlassboxError } from '../util/errors.js';
import { Random } from '../util/random.js';
import type { Example } from './examples.js';

export interface ExampleBatchOptions {
  batchSize: number;
  blockSize: number;
  seed: number;
  pack?: boolean;
  /** A resumed run's samplerState: continue after the batches it already took. */
  position?: unknown;
}

export class ExampleBatches implements BatchSource {
  private batch = 0;
  private cached: { epoch: number; rows: Example[][] } | undefined;
  private readonly counts: number[] = [];

  constructor(
    readonly examples: readonly Example[],
    readonly opts: ExampleBatchOptions,
  ) {
    if (examples.length === 0) throw new GlassboxError('no training examples');
    const position = opts.position as { batch?: unknown } | undefined;
    if (position !== undefined) {
      if (!Number.isInteger(position?.batch) || (position.batch as number) < 0)
        throw new GlassboxError('trainer.json: samplerState is not a fine-tuning position {batch}');
      this.batch = position.batch as number;
    }
  }

  /** The rows of an epoch: examples in that epoch's order, one per row or packed. */
  private rowsOf(epoch: number): Example[][] {
    if (this.cached?.epoch === epoch) return this.cached.rows;
    const order = new Random(this.opts.seed * 7919 + epoch).shuffle([...this.examples]);
    const rows: Example[][] = [];
    let length = Number.POSITIVE_INFINITY;
    for (const ex of order) {
      if (this.opts.pack && length + ex.tokens.length <= this.opts.blockSize) {
        rows[rows.length - 1].push(ex);
        length += ex.tokens.length;
      } else {
        rows.push([ex]);
        length = ex.tokens.length;
      }
    }
    this.cached = { epoch, rows };
    return rows;
  }

  /** Batches in epoch e (packing makes it vary a little from epoch to epoch). */
  batchesInEpoch(epoch: number): number {
    this.counts[epoch] ??= Math.ceil(this.rowsOf(epoch).length / this.opts.batchSize);
    return this.counts[epoch];
  }

  /** Batches in the first `epochs` epochs. */
  batchesFor(epochs: number): number {
    let total = 0;
    for (let e = 0; e < epochs; e++) total += this.batchesInEpoch(e);
    return total;
  }

  next(tokens: Int32Array, targets: Int32Array): number {
    let g = this.batch++;
    let epoch = 0;
    while (g >= this.batchesInEpoch(epoch)) g -= this.batchesInEpoch(epoch++);
    const { batchSize: B } = this.opts;
    const rows = this.rowsOf(epoch).slice(g * B, (g + 1) * B);
    return fillRows(rows, B, tokens, targets);
  }

  state(): { batch: number } {
    return { batch: this.batch };
  }
}

/** Lays rows of examples into (B, T) buffers, T = the longest row; unused rows have no loss. */
function fillRows(
  rows: readonly (readonly Example[])[],
  B: number,
  tokens: Int32Array,
  targets: Int32Array,
): number {
  const T = Math.max(1, ...rows.map((r) => r.reduce((n, ex) => n + ex.tokens.length, 0)));
  tokens.fill(0, 0, B * T);
  targets.fill(-1, 0, B * T);
  rows.forEach((row, b) => {
    let at = b * T;
    for (const ex of row) {
      tokens.set(ex.tokens, at);
      targets.set(ex.targets, at);
      at += ex.tokens.length;
    }
  });
  return T;
}

export interface ResponseLoss {
  /** Mean −ln p over every reply token of the examples. */
  loss: number;
  /** How many reply tokens that is. */
  tokens: number;
}

/** The exact mean loss over the reply tokens of `examples` (one example per row, B rows at a time). */
export function responseLoss(model: GPT, examples: readonly Example[], batchSize = 16): ResponseLoss {
  let total = 0;
  let count = 0;
  const T = model.config.blockSize;
  const tokens = new Int32Array(batchSize * T);
  const targets = new Int32Array(batchSize * T);
  for (let i = 0; i < examples.length; i += batchSize) {
    const rows = examples.slice(i, i + batchSize).map((ex) => [ex]);
    const t = fillRows(rows, rows.length, tokens, targets);
    let valid = 0;
    for (let j = 0; j < rows.length * t; j++) if (targets[j] >= 0) valid++;
    if (valid === 0) continue;
    const mean = model.forward({ tokens, targets, B: rows.length, T: t })!;
    total += mean * valid;
    count += valid;
  }
  return { loss: count > 0 ? total / count : Number.NaN, tokens: count };
}
