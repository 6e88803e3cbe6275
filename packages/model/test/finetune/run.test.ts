// Fine-tuning runs end to end on a tiny model: SFT lowers the held-out reply loss below the base's,
// a full fine-tune resumes bit for bit, early stopping watches the validation loss, continued
// pretraining keeps or resets the optimizer, and the comparison refuses unrelated models.

import { describe, expect, it } from 'vitest';
import { loadCheckpoint } from '../../src/checkpoint/index.js';
import {
  baseForComparison,
  compareModels,
  exactMatchRate,
  fineTuneTrainer,
  pairConversation,
  prepareChatModel,
  reply,
  saveFineTune,
  sftData,
} from '../../src/finetune/index.js';
import { trainChar } from '../../src/tokenizer/index.js';
import { runTraining, Trainer } from '../../src/train/index.js';
import { sftConfig, TEXT, tinyBase, tinySet } from './fixtures.js';

const set = tinySet();
const dataOptions = { batchSize: 4, blockSize: 64, valFraction: 0.2, seed: 4, evalExamples: 8 };

async function fullRun(position?: unknown) {
  const base = await tinyBase();
  const chat = await prepareChatModel(base.model, base.tokenizer);
  const data = sftData(chat.tokenizer, set.train, { ...dataOptions, position });
  return { base, chat, data };
}

describe('supervised fine-tuning', () => {
  it('brings the held-out reply loss clearly below the base model’s, and tuned answers differ', async () => {
    const { base, chat, data } = await fullRun();
    const { trainer } = fineTuneTrainer(chat.model, data, {
      ...sftConfig,
      maxSteps: 80,
      decaySteps: 80,
      lr: 2e-2,
      minLr: 2e-3,
    });
    await runTraining(trainer);
    const start = await baseForComparison(base.model, base.tokenizer, chat.tokenizer);
    const result = compareModels(start, chat.model, chat.tokenizer, ['Shout "water".'], set.test, {
      maxTokens: 8,
    });
    expect(result.heldOut!.conversations).toBe(set.test.length);
    expect(result.heldOut!.tuned).toBeLessThan(result.heldOut!.base - 1);
    expect(result.rows[0].tuned.text).not.toBe(result.rows[0].base.text);
    expect(result.heldOut!.exactBase).toBe(0);
  });

  it('counts a reply exactly right only when it is the reference followed by <|end|>', async () => {
    const base = await tinyBase();
    const chat = await prepareChatModel(base.model, base.tokenizer);
    const one = [pairConversation('Shout "dog".', 'DOG')];
    const data = sftData(chat.tokenizer, one, { ...dataOptions, valFraction: 0, batchSize: 1 });
    const { trainer } = fineTuneTrainer(chat.model, data, {
      ...sftConfig,
      batchSize: 1,
      maxSteps: 150,
      decaySteps: 150,
      lr: 1e-2,
      warmupSteps: 0,
    });
    await runTraining(trainer);
    expect(reply(chat.model, chat.tokenizer, one[0].messages.slice(0, 1))).toMatchObject({
      text: 'DOG',
      finished: true,
    });
    expect(exactMatchRate(chat.model, chat.tokenizer, one)).toBe(1);
    expect(exactMatchRate(chat.model, chat.tokenizer, [pairConversation('Shout "dog".', 'DO')])).toBe(0);
    expect(exactMatchRate(chat.model, chat.tokenizer, [pairConversation('Shout "dog".', 'DOGS')])).toBe(0);
  });

  it('resumes bit for bit: N steps, a checkpoint, N more equal 2N in one go', async () => {
    const straight = await fullRun();
    const t1 = fineTuneTrainer(straight.chat.model, straight.data, sftConfig).trainer;
    const lossesStraight = Array.from({ length: 10 }, () => t1.trainStep().loss);

    const first = await fullRun();
    const t2 = fineTuneTrainer(first.chat.model, first.data, sftConfig).trainer;
    const lossesA = Array.from({ length: 5 }, () => t2.trainStep().loss);
    const files = saveFineTune({ model: first.chat.model, tokenizer: first.chat.tokenizer, trainer: t2 });
    expect(new TextDecoder().decode(files['tokenizer_config.json'])).toMatch(/"chat_template"/);

    const loaded = await loadCheckpoint(files);
    expect([...loaded.tokenizer!.specialTokens]).toEqual([...first.chat.tokenizer.specialTokens]);
    const data = sftData(loaded.tokenizer!, set.train, {
      ...dataOptions,
      position: loaded.trainer!.samplerState,
    });
    const t3 = fineTuneTrainer(loaded.model, data, loaded.trainer!.config, {
      resume: { state: loaded.trainer!, optimizer: loaded.optimizerTensors! },
    }).trainer;
    const lossesB = Array.from({ length: 5 }, () => t3.trainStep().loss);
    expect([...lossesA, ...lossesB]).toEqual(lossesStraight);
    expect(loaded.model.params.all.data).toEqual(straight.chat.model.params.all.data);
  });

  it('stops early when the validation loss stops improving', async () => {
    const { chat, data } = await fullRun();
    const { trainer } = fineTuneTrainer(chat.model, data, {
      ...sftConfig,
      lr: 0,
      minLr: 0,
      maxSteps: 100,
      evalInterval: 2,
      earlyStopPatience: 3,
    });
    expect(await runTraining(trainer)).toBe('early-stopped');
    expect(trainer.step).toBe(8); // best at step 2, then three evaluations without improvement
  });
});

describe('continued pretraining', () => {
  it('trains on new text with a fresh schedule, keeping the base run’s optimizer moments when asked', async () => {
    const { model, tokenizer } = await tinyBase();
    const ids = Uint16Array.from(tokenizer.encode(TEXT.repeat(3)));
    const pre = new Trainer(model, { train: ids }, sftConfig);
    for (let i = 0; i < 4; i++) pre.trainStep();
    const saved = await loadCheckpoint(saveFineTune({ model, tokenizer, trainer: pre }));

    const kept = fineTuneTrainer(saved.model, { train: ids }, sftConfig, {
      optimizer: { tensors: saved.optimizerTensors!, step: saved.trainer!.step },
    }).trainer;
    expect(kept.step).toBe(0); // a new schedule
    expect(kept.optimizer.step).toBe(4); // the moments' own count carries on
    expect(kept.optimizer.m.all.data).toEqual(pre.optimizer.m.all.data);
    const loss = kept.evaluate('train')!;
    for (let i = 0; i < 6; i++) kept.trainStep();
    expect(kept.evaluate('train')!).toBeLessThan(loss);

    const fresh = fineTuneTrainer(
      (await loadCheckpoint(saveFineTune({ model, tokenizer }))).model,
      { train: ids },
      sftConfig,
    ).trainer;
    expect(fresh.optimizer.step).toBe(0);
    expect(fresh.optimizer.m.all.data.every((x) => x === 0)).toBe(true);
  });
});

describe('baseForComparison', () => {
  it('refuses a tuned model whose tokenizer is not the base’s plus added tokens', async () => {
    const { model, tokenizer } = await tinyBase();
    const chat = await prepareChatModel(model, tokenizer);
    const other = await prepareChatModel(model, trainChar({ texts: ['something else entirely'] }));
    await expect(baseForComparison(model, tokenizer, other.tokenizer)).rejects.toThrow(
      /TUNED was not fine-tuned from BASE/,
    );
    const start = await baseForComparison(model, tokenizer, chat.tokenizer);
    expect(start.params.all.data).toEqual(chat.model.params.all.data); // the exact starting point
  });
});
