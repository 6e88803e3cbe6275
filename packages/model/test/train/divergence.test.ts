// Training that diverges stops with TrainingDiverged before anything non-finite is saved, so the
// last good checkpoint stands; and weights that are not finite numbers are refused on load, by
// the tensor's name.

import { describe, expect, it } from 'vitest';
import { loadCheckpoint, saveCheckpoint } from '../../src/checkpoint/index.js';
import { decodeSafetensors, encodeSafetensors } from '../../src/checkpoint/safetensors.js';
import { GPT } from '../../src/gpt/index.js';
import { DEFAULT_TRAIN_CONFIG, runTraining, type TrainConfig, Trainer } from '../../src/train/index.js';
import { isTrainingDiverged } from '../../src/util/errors.js';
import { vectorsFromCheckpoint } from '../../src/word2vec/index.js';

const modelConfig = { vocabSize: 13, blockSize: 8, nLayer: 1, nHead: 2, nEmbd: 16 };
const data = Uint16Array.from({ length: 600 }, (_, i) => (i * 3) % 13);
const train: TrainConfig = {
  ...DEFAULT_TRAIN_CONFIG,
  batchSize: 4,
  maxSteps: 30,
  lr: 1e-2,
  warmupSteps: 0,
  decaySteps: 30,
  evalInterval: 0,
  gradClip: 0,
  seed: 7,
};

describe('divergence', () => {
  it('stops with TrainingDiverged and saves nothing after the last good checkpoint', async () => {
    const model = await GPT.create(modelConfig, { seed: 1 });
    const trainer = new Trainer(model, { train: data }, { ...train, lr: 1e308, minLr: 1e308 });
    const saved: number[] = [];
    let error: unknown;
    try {
      await runTraining(trainer, {
        checkpointInterval: 1,
        onCheckpoint: async () => {
          trainer.assertFinite(); // what was saved was finite
          saved.push(trainer.step);
        },
      });
    } catch (e) {
      error = e;
    }
    expect(isTrainingDiverged(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /^lr: training diverged at step \d+: (the loss|the gradient norm|weight) /,
    );
    expect(saved.every((s) => s < (error as { step: number }).step)).toBe(true);
    expect(trainer.step).toBeLessThan(30);
  });

  it('refuses NaN weights on load, naming the tensor', async () => {
    const files = saveCheckpoint({ model: await GPT.create(modelConfig, { seed: 3 }) });
    const tensors = [...decodeSafetensors(files['model.safetensors']).tensors.values()];
    const ln = tensors.find((t) => t.name.endsWith('h.0.ln_1.weight'))!;
    ln.data[3] = Number.NaN;
    await expect(
      loadCheckpoint({ ...files, 'model.safetensors': encodeSafetensors(tensors) }, { where: 'run' }),
    ).rejects.toThrow(/^run\/model\.safetensors: tensor (transformer\.)?h\.0\.ln_1\.weight holds NaN/);
  });

  it('refuses NaN embeddings when reading word vectors from a checkpoint', async () => {
    const model = await GPT.create(modelConfig, { seed: 4 });
    model.params.get('wte.weight').data[17] = Number.POSITIVE_INFINITY;
    await expect(vectorsFromCheckpoint(saveCheckpoint({ model }), 'run')).rejects.toThrow(
      /^run\/model\.safetensors: tensor (transformer\.)?wte\.weight holds Infinity \(row 1\)/,
    );
  });
});
