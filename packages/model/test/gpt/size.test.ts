// A model's size is checked before anything is allocated: a shape that cannot fit in WebAssembly's
// 4 GiB (2 GiB shared, threaded) is refused by naming its field, from flags or from config.json.

import { describe, expect, it } from 'vitest';
import { loadCheckpoint, saveCheckpoint } from '../../src/checkpoint/index.js';
import { checkModelSize, GPT, modelBytes } from '../../src/gpt/index.js';
import { DEFAULT_TRAIN_CONFIG, Trainer } from '../../src/train/index.js';

const small = { vocabSize: 13, blockSize: 8, nLayer: 1, nHead: 2, nEmbd: 16 };

describe('model size', () => {
  it('counts weights, gradients, moments and activations', () => {
    const w = modelBytes(small).weights;
    expect(modelBytes(small, { training: true, optimizer: true }).weights).toBe(4 * w);
    expect(modelBytes(small, { batch: { B: 2, T: 8 } }).activations).toBeGreaterThan(0);
    expect(() =>
      checkModelSize(small, { training: true, optimizer: true, batch: { B: 4, T: 8 } }),
    ).not.toThrow();
  });

  it('refuses oversized shapes by field before allocating', async () => {
    await expect(GPT.create({ ...small, nLayer: 1e9 })).rejects.toMatchObject({ field: 'nLayer' });
    await expect(GPT.create({ ...small, blockSize: 1e12 })).rejects.toMatchObject({ field: 'blockSize' });
    await expect(GPT.create({ ...small, vocabSize: 2e9 })).rejects.toMatchObject({ field: 'vocabSize' });
    // 2^29 numbers of weights fit the 4 GiB memory, not the 2 GiB shared one.
    const mid = { ...small, vocabSize: 2 ** 29 / 16 };
    expect(() => checkModelSize(mid, {})).not.toThrow();
    expect(() => checkModelSize(mid, { shared: true })).toThrow(/shared memory holds at most 2 GiB/);
  });

  it('names batchSize when the activations are what does not fit', async () => {
    const model = await GPT.create(small, { seed: 1 });
    const data = Uint16Array.from({ length: 100 }, (_, i) => i % 13);
    expect(() => new Trainer(model, { train: data }, { ...DEFAULT_TRAIN_CONFIG, batchSize: 1e8 })).toThrow(
      expect.objectContaining({ field: 'batchSize' }),
    );
  });

  it('names config.json and its n_positions field when a checkpoint is oversized', async () => {
    const files = saveCheckpoint({ model: await GPT.create(small, { seed: 1 }) });
    const json = JSON.parse(new TextDecoder().decode(files['config.json']));
    const bad = new TextEncoder().encode(JSON.stringify({ ...json, n_positions: 1e12, n_ctx: 1e12 }));
    await expect(loadCheckpoint({ ...files, 'config.json': bad }, { where: 'run' })).rejects.toThrow(
      /^run\/config\.json: n_positions 1000000000000 makes a model of .* at most 4 GiB; choose a smaller n_positions$/,
    );
  });
});
