// Word-vector queries on hand-made vectors whose answers are known by construction: cosine
// similarity, neighbours, both analogy methods, the odd one out, close spellings for unknown
// words; and vectors read from a GPT checkpoint's token embedding matrix.

import { describe, expect, it } from 'vitest';
import { saveCheckpoint } from '../../src/checkpoint/index.js';
import { GPT } from '../../src/gpt/index.js';
import { GlassboxError } from '../../src/index.js';
import { trainChar } from '../../src/tokenizer/index.js';
import { closeSpellings, vectorsFromCheckpoint, WordVectors } from '../../src/word2vec/index.js';
import { editDistance } from '../../src/word2vec/spelling.js';

// Axes: royalty, gender (+ male), fruitness. king = royal male, queen = royal female, …
const WORDS = ['king', 'queen', 'man', 'woman', 'apple', 'banana', 'prince'];
const ROWS = [
  [1, 1, 0],
  [1, -1, 0],
  [0, 1, 0.1],
  [0, -1, 0.1],
  [0, 0.1, 1],
  [0.05, -0.1, 1],
  [0.9, 1.1, 0],
];
const v = new WordVectors(WORDS, 3, Float32Array.from(ROWS.flat()));

describe('word vectors', () => {
  it('computes cosine similarity', () => {
    expect(v.similarity('king', 'queen')).toBeCloseTo(0, 6); // (1·1 + 1·−1) / (√2·√2)
    expect(v.similarity('king', 'man')).toBeCloseTo(1 / Math.sqrt(2) / Math.sqrt(1.01), 6);
    expect(v.similarity('apple', 'apple')).toBeCloseTo(1, 6);
  });

  it('lists nearest neighbours without the word itself, best first', () => {
    const n = v.nearest('king', 3);
    // apple's small gender component (0.1) puts it just ahead of queen (cosine 0 with king).
    expect(n.map((x) => x.word)).toEqual(['prince', 'man', 'apple']);
    expect(n[0].similarity).toBeGreaterThan(n[1].similarity);
    expect(n[0].id).toBe(6);
    expect(v.nearest([0, 0, 1], 2).map((x) => x.word)).toEqual(['apple', 'banana']);
  });

  it('answers king − man + woman = queen with 3CosAdd and 3CosMul', () => {
    for (const method of ['add', 'mul'] as const) {
      const answer = v.analogy('man', 'king', 'woman', { method, n: 2 });
      expect(answer[0].word).toBe('queen');
      expect(answer.map((x) => x.word)).not.toContain('king');
    }
  });

  it('finds the odd one out', () => {
    expect(v.oddOneOut(['king', 'prince', 'man', 'banana']).word).toBe('banana');
    expect(() => v.oddOneOut(['king', 'queen'])).toThrow(/at least three/);
  });

  it('names close spellings when a word is unknown', () => {
    expect(() => v.vector('qeen')).toThrow(GlassboxError);
    expect(() => v.vector('qeen')).toThrow(
      /"qeen" is not in the vocabulary of 7 words; did you mean "queen"\?/,
    );
    expect(closeSpellings('bananna', WORDS)).toEqual(['banana']);
    expect(closeSpellings('Kign', WORDS)).toEqual(['king']); // a swap and a capital
    expect(closeSpellings('zzzzzz', WORDS)).toEqual([]);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('ab', 'ba')).toBe(1);
  });

  it('builds from an embedding matrix and refuses mismatched shapes', () => {
    const m = WordVectors.fromMatrix(new Float32Array(12), ['a', 'b', 'c']);
    expect(m.dim).toBe(4);
    expect(() => WordVectors.fromMatrix(new Float32Array(10), ['a', 'b', 'c'])).toThrow(
      /does not split into 3 rows/,
    );
    expect(() => new WordVectors(['a', 'a'], 1, new Float32Array(2))).toThrow(/lists a word twice/);
  });
});

describe('vectors from a GPT checkpoint', () => {
  it('names the rows of wte by the tokenizer and finds neighbours among them', async () => {
    const tokenizer = trainChar({ texts: ['abcab cab'] }); // a, b, c, space
    const model = await GPT.create(
      { vocabSize: tokenizer.vocabSize, blockSize: 4, nLayer: 1, nHead: 1, nEmbd: 6 },
      { seed: 4 },
    );
    const files = saveCheckpoint({ model, tokenizer });
    const v = await vectorsFromCheckpoint(files);
    expect(v.size).toBe(tokenizer.vocabSize);
    expect(v.dim).toBe(6);
    expect(Array.from(v.data)).toEqual(Array.from(model.params.get('wte.weight').data));
    for (let id = 0; id < v.size; id++) expect(v.words[id]).toBe(tokenizer.idToToken(id));
    expect(v.nearest('a', 2)).toHaveLength(2);
    // Without tokenizer.json the rows are named by id.
    const bare = await vectorsFromCheckpoint({ 'model.safetensors': files['model.safetensors'] });
    expect(bare.words[0]).toBe('<id 0>');
    await expect(vectorsFromCheckpoint({}, 'ckpt')).rejects.toThrow('ckpt: missing model.safetensors');
  });
});
