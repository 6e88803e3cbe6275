// Run records: what one front end writes, another reads and validates; records from before the
// contract convert; damaged ones are refused by name; a corpus is checked by kind and content.

import { describe, expect, it } from 'vitest';
import { GlassboxError } from '../../src/index.js';
import {
  checkCorpus,
  contentHash,
  FINETUNE_DEFAULTS,
  type FineTuneRecord,
  type PretrainRecord,
  parseRunRecord,
} from '../../src/run/index.js';

const pretrain: PretrainRecord = {
  kind: 'pretrain',
  corpus: { kind: 'file', path: '/data/tale.txt', sha256: contentHash('a tale') },
  tokenizer: 'bpe:512',
  valFraction: 0.1,
  checkpointInterval: 500,
  modelSeed: 7,
};
const finetune: FineTuneRecord = {
  kind: 'finetune',
  mode: 'sft',
  base: { path: '/runs/base/checkpoint', sha256: 'ab'.repeat(32) },
  data: { kind: 'instructions' },
  settings: { ...FINETUNE_DEFAULTS, rank: 4 },
  pack: false,
  lora: { rank: 4, alpha: 8, targets: ['attn.c_attn'], seed: 1 },
  optimizerStepOffset: 0,
};

describe('run records', () => {
  it('read back exactly what was written, through JSON', () => {
    const builtIn = (kind: 'toy' | 'tour') => ({ ...pretrain, corpus: { kind } });
    for (const r of [pretrain, finetune, builtIn('toy'), builtIn('tour')]) {
      expect(parseRunRecord(JSON.parse(JSON.stringify(r)))).toEqual(r);
    }
  });

  it('convert the untyped records of earlier versions (CLI and explorer)', () => {
    expect(parseRunRecord({ data: 'toy', tokenizer: 'char', valFraction: 0.1, modelSeed: 3 })).toEqual({
      kind: 'pretrain',
      corpus: { kind: 'toy' },
      tokenizer: 'char',
      valFraction: 0.1,
      checkpointInterval: 0,
      modelSeed: 3,
    });
    const old = parseRunRecord({
      data: 'runs/x.txt',
      tokenizer: 'word:100',
      valFraction: 0.2,
      checkpointInterval: 50,
      modelSeed: 1,
    });
    expect(old).toMatchObject({ kind: 'pretrain', corpus: { kind: 'file', path: 'runs/x.txt', sha256: '' } });
    const ft = parseRunRecord({
      kind: 'sft',
      base: '/b',
      baseSha256: 'cd',
      data: 'builtin',
      settings: { lr: 0.003, minLr: 0.0003 },
      pack: true,
      lora: null,
      optimizerStepOffset: 0,
    });
    expect(ft).toMatchObject({
      kind: 'finetune',
      mode: 'sft',
      base: { path: '/b', sha256: 'cd' },
      pack: true,
    });
    expect((ft as FineTuneRecord).settings.lr).toBe(0.003);
    expect((ft as FineTuneRecord).data).toEqual({ kind: 'instructions' });
  });

  it('refuse damaged records, naming the field', () => {
    const cases: [unknown, RegExp][] = [
      [null, /not an object/],
      [{ ...pretrain, corpus: { kind: 'web' } }, /corpus kind must be brown, toy, tour, file or shards/],
      [{ ...pretrain, valFraction: 1.5 }, /valFraction must be in \[0, 1\)/],
      [{ ...pretrain, modelSeed: -1 }, /modelSeed must be a whole number/],
      [{ ...finetune, mode: 'rlhf' }, /mode must be "sft" or "text"/],
      [{ ...finetune, settings: { ...finetune.settings, lr: 'fast' } }, /run.settings.lr" must be a number/],
      [{ ...finetune, lora: { rank: 'x' } }, /lora must be null or/],
      [{ tokenizer: 'char' }, /names no training data/],
    ];
    for (const [json, message] of cases) {
      expect(() => parseRunRecord(json, 'trainer.json')).toThrow(message);
      expect(() => parseRunRecord(json, 'trainer.json')).toThrow(GlassboxError);
    }
  });
});

describe('checkCorpus', () => {
  const file = (text: string) => ({ kind: 'file' as const, path: 'x.txt', sha256: contentHash(text) });
  it('accepts the same built-in corpus, and a file with the same content under any name', () => {
    expect(() => checkCorpus({ kind: 'toy' }, { kind: 'toy' })).not.toThrow();
    expect(() => checkCorpus(file('abc'), { ...file('abc'), path: '/elsewhere/y.txt' })).not.toThrow();
  });
  it('refuses another corpus or changed content, unless told to allow it', () => {
    expect(() => checkCorpus({ kind: 'toy' }, { kind: 'brown' })).toThrow(/trained on the toy corpus/);
    expect(() => checkCorpus({ kind: 'tour' }, { kind: 'toy' })).toThrow(/trained on the tour's corpus/);
    expect(() => checkCorpus(file('abc'), file('abd'))).toThrow(
      expect.objectContaining({ field: 'data', message: expect.stringMatching(/content changed since/) }),
    );
    expect(() => checkCorpus(file('abc'), file('abd'), true)).not.toThrow();
    expect(() => checkCorpus(file('abc'), { kind: 'brown' })).toThrow(/not on the Brown corpus/);
  });
  it('cannot check a record written before hashes, except by kind', () => {
    expect(() => checkCorpus({ kind: 'file', path: 'old.txt', sha256: '' }, file('anything'))).not.toThrow();
  });
});
