// The tour's fine-tuning step in the library: its four examples are in the tour corpus's words
// (nothing becomes <unk> under the tour model's word tokenizer, every example fits its block),
// and a real fine-tune of a briefly pretrained tour model turns a continuation into the taught
// reply: the base does not say "it eats fish" and stop; the tuned copy does. The base is unchanged.

import { describe, expect, it } from 'vitest';
import {
  addSpecialTokens,
  CHAT_TOKEN_LIST,
  sftData,
  TOUR_FINETUNE,
  TOUR_QUESTION,
  tourFineTune,
  tourInstructions,
} from '../../src/finetune/index.js';
import { GPT } from '../../src/gpt/index.js';
import { encodeForTraining, tokenizerForSpec, tourCorpusText } from '../../src/run/index.js';
import { DEFAULT_TRAIN_CONFIG, Trainer } from '../../src/train/index.js';

async function tourBase(steps: number) {
  const text = tourCorpusText();
  const tokenizer = (await tokenizerForSpec('word:4096', () => [text]))!;
  const data = encodeForTraining(text, tokenizer, 0.1, 'tour');
  // The tour model's shape (packages/web/src/pages/tour/tour-model.ts), pretrained briefly.
  const model = await GPT.create(
    { nLayer: 2, nHead: 2, nEmbd: 48, blockSize: 32, vocabSize: tokenizer.vocabSize },
    { seed: 1337 },
  );
  const trainer = new Trainer(model, data, {
    ...DEFAULT_TRAIN_CONFIG,
    batchSize: 16,
    maxSteps: steps,
    lr: 3e-3,
    minLr: 3e-4,
    warmupSteps: 10,
    decaySteps: steps,
    evalInterval: 0,
    evalBatches: 1,
  });
  while (!trainer.done) trainer.trainStep();
  return { model, tokenizer };
}

describe("the tour's fine-tune", () => {
  it('uses only words of the tour corpus, and every example fits the tour model’s block', async () => {
    const tokenizer = (await tokenizerForSpec('word:4096', () => [tourCorpusText()]))!;
    const { tokenizer: chat } = addSpecialTokens(tokenizer, CHAT_TOKEN_LIST);
    const sft = sftData(chat, tourInstructions(), {
      batchSize: TOUR_FINETUNE.batchSize,
      blockSize: 32,
      valFraction: 0,
      seed: 1,
      evalExamples: 4,
    });
    expect(sft.train).toHaveLength(4);
    expect(sft.tooLong).toBe(0);
    expect(sft.unencodable).toBe(0);
    expect(sft.unknownReplyTokens).toBe(0);
    expect(tourInstructions().map((c) => c.messages[0].content)).toContain(TOUR_QUESTION);
  });

  it('turns the base’s continuation into the taught reply', async () => {
    const { model, tokenizer } = await tourBase(60);
    const weights = model.params.all.data.slice();
    const steps: number[] = [];
    const out = await tourFineTune(model, tokenizer, { onStep: (s) => steps.push(s) });
    expect(out.question).toBe(TOUR_QUESTION);
    expect(out.after.text).toBe('it eats fish');
    expect(out.after.finished).toBe(true);
    expect(out.before.text).not.toBe(out.after.text);
    expect(out.before.text).not.toMatch(/^it eats/);
    expect(steps).toEqual(Array.from({ length: TOUR_FINETUNE.steps }, (_, i) => i + 1));
    expect(out.losses.at(-1)!).toBeLessThan(out.losses[0] / 4);
    expect(model.params.all.data).toEqual(weights); // the base is left as it was
  });
});
