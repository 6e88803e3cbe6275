// trainer.json is checked whole before a resume touches anything: a sampler position that is not
// xoshiro's four 32-bit words, or a history that does not end at "step", is refused by name.

import { describe, expect, it } from 'vitest';
import { parseTrainerState } from '../../src/checkpoint/trainer-file.js';
import { DEFAULT_TRAIN_CONFIG } from '../../src/train/index.js';

const good = {
  step: 2,
  samplerState: [1, 2, 3, 4],
  history: [
    { step: 1, loss: 3, lr: 0.1 },
    { step: 2, loss: 2.9, lr: 0.1 },
  ],
  bestValLoss: null,
  config: DEFAULT_TRAIN_CONFIG,
};

describe('trainer.json', () => {
  it('reads a good state', () => {
    expect(parseTrainerState(good).step).toBe(2);
    expect(parseTrainerState({ ...good, samplerState: { batch: 3 } }).step).toBe(2); // a fine-tune's
  });

  it('refuses a bad sampler position and a history that does not end at step', () => {
    for (const samplerState of ['x', [1, 2, 3], [1, 2, 3, -1], [1, 2, 3, 2 ** 32], null])
      expect(() => parseTrainerState({ ...good, samplerState }, 'run/trainer.json')).toThrow(
        /^run\/trainer\.json: "samplerState" must be four whole numbers/,
      );
    expect(() => parseTrainerState({ ...good, step: 0 }, 'run/trainer.json')).toThrow(
      'run/trainer.json: "history" ends at step 2 but "step" is 0; the file was damaged or edited',
    );
  });
});
