// The missing-word step: CBOW's guess for "the cat sat on the ___" and one negative-sampling step
// on that single example. The step follows the kernels' formulas (checked here against a plain
// recomputation), moves only the vectors it names, makes the true word likelier, lowers the loss
// it descends, pulls the target's output vector towards the context and pushes the noise words'
// probabilities down; bad words get a clear message.

import { describe, expect, it } from 'vitest';
import { tourSentences } from '../../src/data/index.js';
import { TOUR_MISSING_WORD, tourMissingWord, Word2Vec } from '../../src/word2vec/index.js';

const { context, target } = TOUR_MISSING_WORD;

describe('missing-word step (CBOW, one example)', () => {
  it.each([1, 2, 3])(
    'seed %i: the step makes "mat" likelier and pulls it towards the context',
    async (seed) => {
      const { model, untrained, trained } = await tourMissingWord({ seed });
      // At the random initialisation every output vector is 0: every word equally likely.
      expect(untrained.p).toBeCloseTo(1 / model.vocab.words.length, 9);
      expect(untrained.loss).toBeCloseTo(Math.log(model.vocab.words.length), 9);
      // One pass teaches it something: mat is likelier than uniform.
      expect(trained.p).toBeGreaterThan(untrained.p);

      const step = model.trainMissing(context, target);
      expect(step.before).toEqual(trained); // the guess it starts from is the model's own
      expect(step.alpha).toBeCloseTo(model.currentAlpha, 12);
      expect(step.alpha).toBeGreaterThan(0.02); // after 1 of 8 passes, most of the starting rate
      expect(step.after.p).toBeGreaterThan(step.before.p);
      expect(step.after.loss).toBeLessThan(step.before.loss);
      expect(step.after.cosine).toBeGreaterThan(step.before.cosine);
      expect(step.exampleLoss.after).toBeLessThan(step.exampleLoss.before);
      expect(step.noise.length).toBeGreaterThan(0);
      expect(step.noise).not.toContain(target);
      for (const [i, word] of step.noise.entries())
        expect(step.noiseP.after[i], word).toBeLessThan(step.noiseP.before[i]);
      // The guess now is what the model says now.
      expect(model.guessMissing(context, target)).toEqual(step.after);
    },
  );

  it('applies the kernels’ update to exactly the vectors it names', async () => {
    const { model } = await tourMissingWord({ seed: 1 });
    const before = model.vectors();
    const step = model.trainMissing(context, target, { alpha: 0.05 });
    const after = model.vectors();
    const inputs = step.moved.filter((v) => v.kind === 'input').map((v) => v.word);
    expect(new Set(inputs)).toEqual(new Set(context));
    const outputs = step.moved.filter((v) => v.kind === 'output').map((v) => v.word);
    expect(new Set(outputs)).toEqual(new Set([target, ...step.noise]));
    // Input vectors of words outside the context did not move.
    for (const w of ['dog', 'banana', 'king', 'mat']) expect(after.vector(w)).toEqual(before.vector(w));
    // The context rows moved by the same error vector; "the" (twice in the context) by twice that.
    const delta = (w: string) => {
      const v = step.moved.find((m) => m.word === w && m.kind === 'input')!;
      return Array.from(v.after, (x, k) => x - v.before[k]);
    };
    const cat = delta('cat');
    expect(cat.some((x) => Math.abs(x) > 1e-5)).toBe(true);
    for (const [k, x] of delta('sat').entries()) expect(x).toBeCloseTo(cat[k], 5);
    for (const [k, x] of delta('the').entries()) expect(x).toBeCloseTo(2 * cat[k], 5);
    // The target's output vector moved along the old context vector h, by alpha·(1 − σ(h·u)).
    const h = new Float64Array(model.options.dim);
    for (const w of context) {
      const v = step.moved.find((m) => m.word === w && m.kind === 'input')!;
      v.before.forEach((x, k) => {
        h[k] += x / context.length;
      });
    }
    const mat = step.moved.find((m) => m.word === target && m.kind === 'output')!;
    const s = mat.before.reduce((sum, x, k) => sum + x * h[k], 0);
    const g = 0.05 * (1 - 1 / (1 + Math.exp(-s)));
    for (const [k, x] of mat.after.entries()) expect(x - mat.before[k]).toBeCloseTo(g * h[k], 6);
  });

  it('names a word outside the vocabulary, and refuses an empty context', async () => {
    const model = await Word2Vec.create(tourSentences({ seed: 1, sentences: 200 }), {
      model: 'cbow',
      dim: 8,
      minCount: 1,
    });
    expect(() => model.guessMissing(['the', 'cta'], 'mat')).toThrow(
      /context: "cta" is not in the vocabulary.*"cat"/,
    );
    expect(() => model.trainMissing(['the', 'cat'], 'matt')).toThrow(
      /target: "matt" is not in the vocabulary.*"mat"/,
    );
    expect(() => model.guessMissing([], 'mat')).toThrow(/context: give at least one word/);
  });
});
