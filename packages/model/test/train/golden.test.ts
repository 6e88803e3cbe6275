// Refactors and speed work must not change a computed number. These figures were produced by
// commit dc0b7f7 (before the seams refactor and the speed work) for the baby recipe's shape
// (4 layers, 4 heads, 128 wide, block 64, batch 12, vocabulary 65) on a fixed token stream: the
// first three steps' losses and gradient norms, and a SHA-256 of every weight after them, on one
// thread and on two. If this fails, some change altered the arithmetic.

import { createKernels } from '@glassbox/core-wasm';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { GPT } from '../../src/gpt/index.js';
import { DEFAULT_TRAIN_CONFIG, Trainer } from '../../src/train/index.js';

const PINNED_STEPS = [
  [4.1843224459638195, 2.6476541428547953],
  [3.832100462168455, 3.376199906390801],
  [3.480124719130496, 3.4368615333520647],
];
const PINNED_WEIGHTS = '8769ea4225750e65fd5a83b2db947f6ee2ec9e039b711b79629cadcbcc21ae65';

function tokenStream(): Uint16Array {
  let s = 12345;
  return Uint16Array.from({ length: 20000 }, (_, i) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return i % 5 === 0 ? (s >>> 24) % 65 : (i * 7) % 65;
  });
}

describe('the baby recipe computes what it computed before', () => {
  it.each([1, 2])(
    'on %i thread(s): same losses, gradient norms and weights, bit for bit',
    async (threads) => {
      const kernels = await createKernels('wasm', { threads });
      try {
        const config = { vocabSize: 65, blockSize: 64, nLayer: 4, nHead: 4, nEmbd: 128 };
        const model = await GPT.create(config, { seed: 1337, kernels });
        const trainer = new Trainer(
          model,
          { train: tokenStream() },
          { ...DEFAULT_TRAIN_CONFIG, maxSteps: 3, warmupSteps: 1 },
        );
        const steps = [0, 1, 2].map(() => trainer.trainStep()).map((r) => [r.loss, r.gradNorm]);
        expect(steps).toEqual(PINNED_STEPS);
        const weights = new Uint8Array(model.params.all.data.slice().buffer);
        expect(Buffer.from(sha256(weights)).toString('hex')).toBe(PINNED_WEIGHTS);
      } finally {
        kernels.dispose();
      }
    },
  );
});
