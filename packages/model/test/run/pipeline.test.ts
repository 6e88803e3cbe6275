// The run pipeline both front ends use: text → tokens split by position; a fresh run and its
// checkpoint; a resumed run equal to an uninterrupted one; typed events and metrics.jsonl lines.

import { describe, expect, it } from 'vitest';
import { loadCheckpoint } from '../../src/checkpoint/index.js';
import {
  encodeForTraining,
  metricsRecord,
  metricsThrough,
  parseMetrics,
  pretrainingCheckpoint,
  pretrainRecordOf,
  resumePretraining,
  sampleText,
  startPretraining,
  type TrainingEvent,
  tokenizerForSpec,
  toyCorpusText,
  trainWithEvents,
} from '../../src/run/index.js';
import { trainChar } from '../../src/tokenizer/index.js';
import { DEFAULT_TRAIN_CONFIG } from '../../src/train/index.js';

const TEXT = 'the cat sat on the mat. the dog sat on the log. '.repeat(40);

describe('encodeForTraining', () => {
  it('splits by position and stores ids in the narrowest array', () => {
    const tok = trainChar({ texts: [TEXT] });
    const t = encodeForTraining(TEXT, tok, 0.25, 'tale');
    expect(t.train).toBeInstanceOf(Uint16Array);
    expect(t.train.length + t.val!.length).toBe(TEXT.length);
    expect(t.val!.length).toBe(TEXT.length - Math.round(TEXT.length * 0.75));
    expect(tok.decode(Array.from(t.val!))).toBe(TEXT.slice(Math.round(TEXT.length * 0.75)));
    expect(t.description).toMatch(/^tale: 1,920 characters → 1,920 tokens \(char tokenizer/);
    expect(encodeForTraining(TEXT, tok, 0, 'tale').val).toBeUndefined();
  });
  it('names the corpus when the tokenizer cannot encode it, and refuses empty text', () => {
    const tok = trainChar({ texts: ['abc'] });
    expect(() => encodeForTraining('abz', tok, 0.1, 'notes.txt')).toThrow(
      /^notes.txt: this tokenizer cannot encode it/,
    );
    expect(() => encodeForTraining('', tok, 0.1, 'empty.txt')).toThrow(/empty/);
  });
  it('builds tokenizers from specs, pointing at the spec when its size is wrong', async () => {
    expect((await tokenizerForSpec('word:50', () => [TEXT]))!.kind).toBe('word');
    expect(await tokenizerForSpec('my/tokenizer.json', () => [TEXT])).toBeUndefined();
    await expect(tokenizerForSpec('bpe:10', () => [TEXT])).rejects.toMatchObject({
      field: 'tokenizer',
      message: expect.stringMatching(/"bpe:10": vocabulary size 10 is below the byte alphabet/),
    });
  });
});

describe('a pretraining run', () => {
  const model = { blockSize: 16, nLayer: 1, nHead: 2, nEmbd: 16 };
  const train = {
    ...DEFAULT_TRAIN_CONFIG,
    batchSize: 4,
    maxSteps: 8,
    warmupSteps: 2,
    decaySteps: 8,
    evalInterval: 4,
    evalBatches: 2,
  };
  const start = async () => {
    const text = toyCorpusText().slice(0, 5000);
    const tokens = encodeForTraining(text, trainChar({ texts: [text] }), 0.1, 'toy');
    const run = await startPretraining({
      tokens,
      model,
      train,
      record: {
        corpus: { kind: 'toy' },
        tokenizer: 'char',
        valFraction: 0.1,
        checkpointInterval: 0,
        modelSeed: 3,
      },
    });
    return { run, tokens };
  };

  it('emits typed events whose metrics lines match metrics.jsonl, and resumes bit for bit', async () => {
    const straight = await start();
    const events: TrainingEvent[] = [];
    const sample = () =>
      sampleText(straight.run.model, straight.run.tokenizer, { fallback: 0, maxTokens: 5 });
    const { outcome } = await trainWithEvents(straight.run.trainer, {
      onEvent: (e) => events.push(e),
      sample,
    });
    expect(outcome).toBe('finished');
    expect(events.filter((e) => e.kind === 'step').map((e) => e.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(events.filter((e) => e.kind === 'eval').map((e) => e.step)).toEqual([0, 4, 8]);
    expect(events.filter((e) => e.kind === 'sample').map((e) => e.step)).toEqual([0, 4, 8]);
    const lines = events.map((e) => metricsRecord(e)).filter((r) => r !== undefined);
    // One line per step (evaluated steps carry their step figures too), plus step 0's evaluation.
    expect(lines.map((r) => r.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(lines[4]).toMatchObject({ step: 4, loss: straight.run.trainer.history[3].loss });
    expect(lines[4].val_loss).toBeGreaterThan(0);
    const jsonl = lines.map((r) => `${JSON.stringify(r)}\n`).join('');
    expect(parseMetrics(jsonl)).toEqual(lines);
    expect(parseMetrics(metricsThrough(jsonl, 4)).map((r) => r.step)).toEqual([0, 1, 2, 3, 4]);

    // Half, a checkpoint through bytes, the other half: the same losses.
    const half = await start();
    for (let i = 0; i < 4; i++) half.run.trainer.trainStep();
    const loaded = await loadCheckpoint(pretrainingCheckpoint(half.run));
    expect(pretrainRecordOf(loaded, 'ckpt')).toEqual(half.run.record);
    const resumed = resumePretraining(
      loaded,
      encodeForTraining(toyCorpusText().slice(0, 5000), loaded.tokenizer!, 0.1, 'toy'),
    );
    for (let i = 0; i < 4; i++) resumed.trainer.trainStep();
    expect(resumed.trainer.history.map((h) => h.loss)).toEqual(
      straight.run.trainer.history.map((h) => h.loss),
    );
  });

  it('refuses to resume a finished run unless given more steps', async () => {
    const { run, tokens } = await start();
    while (!run.trainer.done) run.trainer.trainStep();
    const loaded = await loadCheckpoint(pretrainingCheckpoint(run));
    expect(() => resumePretraining(loaded, tokens, {}, 'ckpt')).toThrow(/finished: it is at step 8 of 8/);
    expect(resumePretraining(loaded, tokens, { maxSteps: 10 }).trainer.step).toBe(8);
  });

  it('refuses to resume a checkpoint without trainer state', async () => {
    const { run } = await start();
    const files = pretrainingCheckpoint(run);
    delete files['trainer.json'];
    const loaded = await loadCheckpoint(files);
    expect(() => pretrainRecordOf(loaded, 'ckpt')).toThrow(/cannot be resumed/);
  });
});
