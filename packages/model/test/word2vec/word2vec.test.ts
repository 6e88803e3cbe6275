// word2vec training on the toy corpus: the explainer's picture (cat's nearest neighbour is dog,
// banana is far from both), a falling loss, seeded determinism, and the wasm kernels against
// the reference twin through the whole trainer.

import { describe, expect, it } from 'vitest';
import { toySentences } from '../../src/data/index.js';
import { GlassboxError } from '../../src/index.js';
import { Word2Vec } from '../../src/word2vec/index.js';

const toy = toySentences({ seed: 1 });
const SMALL = { dim: 24, minCount: 1, epochs: 8, seed: 1 };

describe.each(['skipgram', 'cbow'] as const)('word2vec %s on the toy corpus', (model) => {
  it('puts dog nearest to cat and banana in neither top five, with the loss falling', async () => {
    const w2v = await Word2Vec.create(toy, { ...SMALL, model });
    // Untrained, every output vector is zero, so each of the 1 + 5 targets has σ = ½: the loss
    // is 6·ln 2 ≈ 4.159 per example (a little less when a noise word is the target and skipped).
    const initial = w2v.measureLoss();
    expect(initial).toBeLessThanOrEqual(6 * Math.LN2 + 1e-9);
    expect(initial).toBeGreaterThan(5.8 * Math.LN2);
    const history = w2v.train();
    expect(history).toHaveLength(8);
    expect(history[0].loss).toBeLessThan(initial);
    for (let e = 1; e < history.length; e++) expect(history[e].loss).toBeLessThan(history[e - 1].loss);
    expect(history[7].loss).toBeLessThan(initial * 0.6);
    expect(history[7].trainLoss).toBeLessThan(history[0].trainLoss);
    const v = w2v.vectors();
    const cat = v.nearest('cat', 5).map((n) => n.word);
    const dog = v.nearest('dog', 5).map((n) => n.word);
    expect(cat[0]).toBe('dog');
    expect(dog[0]).toBe('cat');
    expect(cat).not.toContain('banana');
    expect(dog).not.toContain('banana');
    // Skip-gram separates the families clearly; CBOW's mean of contexts leaves every toy vector
    // near one common direction, so only the ranking is asked of it.
    const margin = model === 'skipgram' ? 0.3 : 0;
    expect(v.similarity('cat', 'dog')).toBeGreaterThan(v.similarity('cat', 'banana') + margin);
  });
});

describe('word2vec training', () => {
  it('gives the same vectors for the same seed and different ones for another', async () => {
    const run = async (seed: number) => {
      const w = await Word2Vec.create(toy.slice(0, 400), { ...SMALL, epochs: 2, seed });
      w.train();
      return w.vectors().data;
    };
    const [a, b, c] = [await run(5), await run(5), await run(6)];
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    expect(Buffer.from(a.buffer).equals(Buffer.from(c.buffer))).toBe(false);
  });

  it('trains the same through the reference twin, up to float rounding', async () => {
    const opts = { ...SMALL, epochs: 1, dim: 7, window: 3 };
    const fast = await Word2Vec.create(toy.slice(0, 150), { ...opts, impl: 'wasm' });
    const slow = await Word2Vec.create(toy.slice(0, 150), { ...opts, impl: 'reference' });
    const [f, s] = [fast.trainEpoch(), slow.trainEpoch()];
    expect(f.examples).toBe(s.examples);
    expect(f.keptWords).toBe(s.keptWords);
    expect(f.loss).toBeCloseTo(s.loss, 5);
    const [a, b] = [fast.vectors().data, slow.vectors().data];
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-4);
  });

  it('reports progress with the epoch, loss and speed, and the raw word count as done', async () => {
    const w = await Word2Vec.create(toy, { ...SMALL, epochs: 2, batchWords: 1000 });
    const events: { done: number; total?: number; epoch?: number }[] = [];
    w.train((p) => events.push({ done: p.done, total: p.total, epoch: p.metrics?.epoch }));
    const raw = toy.reduce((n, s) => n + s.length, 0);
    expect(events.length).toBeGreaterThan(20);
    expect(events.at(-1)).toEqual({ done: 2 * raw, total: 2 * raw, epoch: 2 });
    expect(events.every((e, i) => i === 0 || e.done > events[i - 1].done)).toBe(true);
  });

  it('drops rare words and cuts long sentences without losing words', async () => {
    const sentences = [['a', 'b', 'a', 'c', 'a', 'b', 'rare', 'a', 'b', 'a', 'c', 'a']];
    const w = await Word2Vec.create(sentences, { dim: 4, minCount: 2, maxSentence: 5, sample: 0, epochs: 1 });
    expect(w.vocab.words).toEqual(['a', 'b', 'c']);
    expect(w.vocab.rawWords).toBe(12);
    expect(w.trainEpoch().keptWords).toBe(11);
  });

  it('refuses impossible settings and corpora with a clear message', async () => {
    await expect(Word2Vec.create(toy, { minCount: 10_000 })).rejects.toThrow(
      /no word occurs at least 10000 times/,
    );
    await expect(Word2Vec.create(toy, { dim: 0 })).rejects.toThrow(GlassboxError);
    await expect(Word2Vec.create(toy, { window: 2.5 })).rejects.toThrow(/window: expected an integer ≥ 1/);
    await expect(Word2Vec.create(toy, { model: 'glove' as 'cbow' })).rejects.toThrow(
      /choose skipgram or cbow/,
    );
  });
});
