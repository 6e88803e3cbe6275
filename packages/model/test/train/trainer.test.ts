// The trainer: the schedule, loss falling on a learnable sequence, exact resume through a
// checkpoint, weight decay only where it belongs, and early stopping.

import { describe, expect, it } from 'vitest';
import { loadCheckpoint, restoreOptimizer, saveCheckpoint } from '../../src/checkpoint/index.js';
import { GPT } from '../../src/gpt/index.js';
import {
  DEFAULT_TRAIN_CONFIG,
  learningRate,
  runTraining,
  type TrainConfig,
  Trainer,
} from '../../src/train/index.js';

const modelConfig = { vocabSize: 13, blockSize: 8, nLayer: 1, nHead: 2, nEmbd: 16 };
// A repeating pattern with a little noise: learnable in a few dozen steps.
const data = Uint16Array.from({ length: 600 }, (_, i) => (i % 7 === 0 ? (i * 5) % 13 : (i * 3) % 11));
const train: TrainConfig = {
  ...DEFAULT_TRAIN_CONFIG,
  batchSize: 4,
  maxSteps: 40,
  lr: 1e-2,
  minLr: 1e-3,
  warmupSteps: 5,
  decaySteps: 40,
  evalInterval: 10,
  evalBatches: 2,
  seed: 7,
};

describe('learning-rate schedule', () => {
  const s = { lr: 1e-3, minLr: 1e-4, warmupSteps: 100, decaySteps: 2000 };
  it('warms up linearly, decays by a cosine to the floor, then stays there', () => {
    expect(learningRate(0, s)).toBeCloseTo(1e-3 / 101, 12);
    expect(learningRate(99, s)).toBeCloseTo(1e-3 * (100 / 101), 12);
    expect(learningRate(100, s)).toBeCloseTo(1e-3, 12);
    expect(learningRate(1050, s)).toBeCloseTo(1e-4 + 0.5 * 9e-4, 12); // halfway: cos(π/2) = 0
    expect(learningRate(2000, s)).toBeCloseTo(1e-4, 12);
    expect(learningRate(5000, s)).toBe(1e-4);
  });
});

describe('Trainer', () => {
  it('lowers the loss well below ln(vocabulary) on a learnable sequence', async () => {
    const model = await GPT.create(modelConfig, { seed: 1 });
    const trainer = new Trainer(model, { train: data, val: data.subarray(500) }, train);
    const evals: number[] = [];
    await runTraining(trainer, { onEval: (_, l) => evals.push(l.val!) });
    expect(evals[0]).toBeGreaterThan(Math.log(13) - 0.3);
    expect(evals[evals.length - 1]).toBeLessThan(evals[0] - 1);
    expect(trainer.history).toHaveLength(40);
  });

  it('resumes bit for bit: 2N steps in one go equal N steps, a checkpoint, and N more', async () => {
    const straight = await GPT.create(modelConfig, { seed: 2 });
    const t1 = new Trainer(straight, { train: data }, { ...train, maxSteps: 20 });
    const lossesStraight = Array.from({ length: 20 }, () => t1.trainStep().loss);

    const first = await GPT.create(modelConfig, { seed: 2 });
    const t2 = new Trainer(first, { train: data }, { ...train, maxSteps: 20 });
    const lossesA = Array.from({ length: 10 }, () => t2.trainStep().loss);
    const files = saveCheckpoint({ model: first, optimizer: t2.optimizer, trainer: t2.state() });

    const loaded = await loadCheckpoint(files);
    const t3 = new Trainer(loaded.model, { train: data }, loaded.trainer!.config, loaded.trainer);
    restoreOptimizer(t3.optimizer, loaded.optimizerTensors!, loaded.trainer!.step);
    const lossesB = Array.from({ length: 10 }, () => t3.trainStep().loss);

    expect([...lossesA, ...lossesB]).toEqual(lossesStraight);
    expect(loaded.model.params.all.data).toEqual(straight.params.all.data);
  });

  it('decays matrices only: biases, LayerNorm and embeddings are untouched by weight decay', async () => {
    const model = await GPT.create(modelConfig, { seed: 3 });
    const trainer = new Trainer(model, { train: data }, { ...train, weightDecay: 0.5, lr: 0.1 });
    const before = model.params.all.data.slice();
    model.zeroGrad(); // zero gradients: any change is weight decay alone
    trainer.optimizer.update(0.1);
    for (const s of model.params.specs) {
      const after = model.params.get(s.name).data;
      const was = before.subarray(s.offset, s.offset + s.size);
      if (s.decay) {
        after.forEach((v, i) => {
          expect(v).toBeCloseTo(was[i] * (1 - 0.1 * 0.5), 6);
        });
      } else expect(after).toEqual(was);
    }
    expect(model.params.specs.filter((s) => s.decay).map((s) => s.name)).toEqual([
      'h.0.attn.c_attn.weight',
      'h.0.attn.c_proj.weight',
      'h.0.mlp.c_fc.weight',
      'h.0.mlp.c_proj.weight',
    ]);
  });

  it('stops early when validation stops improving', async () => {
    const model = await GPT.create(modelConfig, { seed: 4 });
    // A learning rate of 0 can never improve on the first evaluation.
    const trainer = new Trainer(
      model,
      { train: data, val: data },
      { ...train, lr: 0, minLr: 0, earlyStopPatience: 2, evalInterval: 5 },
    );
    const outcome = await runTraining(trainer);
    expect(outcome).toBe('early-stopped');
    expect(trainer.step).toBe(15);
  });

  it('refuses data shorter than one window and bad settings, saying which', async () => {
    const model = await GPT.create(modelConfig, { seed: 5 });
    expect(() => new Trainer(model, { train: data.subarray(0, 5) }, train)).toThrow(
      /training data has 5 tokens, fewer than one window of 9/,
    );
    expect(() => new Trainer(model, { train: data }, { ...train, batchSize: 0 })).toThrow(
      /batchSize must be a positive integer/,
    );
    expect(() => new Trainer(model, { train: data }, { ...train, beta2: 1 })).toThrow(
      /beta2 must be in \[0, 1\)/,
    );
  });
});
