// The tour's corpus and embedding map keep the story's promises for every seed the tour may use
// (1–10): every example word is in the vocabulary, and cat~dog is closer than cat~banana and
// king~queen closer than apple~car — in cosine and on the 2-D PCA map the page draws.

import { describe, expect, it } from 'vitest';
import { TOUR_WORDS, tourCorpus, tourSentences } from '../../src/data/index.js';
import { tourCorpusText } from '../../src/run/index.js';
import { trainTokenizer } from '../../src/tokenizer/index.js';
import { tourEmbeddings } from '../../src/word2vec/index.js';

function mapDistance(frame: Float32Array, a: number, b: number): number {
  return Math.hypot(frame[2 * a] - frame[2 * b], frame[2 * a + 1] - frame[2 * b + 1]);
}

describe('tour corpus', () => {
  it('holds every example word of the tour, and mat (not pond) follows "sat on the"', () => {
    const words = new Set(tourSentences({ seed: 1 }).flat());
    for (const w of TOUR_WORDS) expect(words.has(w), w).toBe(true);
    const text = tourCorpus({ seed: 1 });
    expect(text).toContain('the cat sat on the mat');
    expect(text).not.toContain('sat on the pond');
  });

  it("gives the tour model's word tokenizer every word of the tour's prompts (no <unk>)", () => {
    const tok = trainTokenizer({ type: 'word', texts: [tourCorpusText()], vocabSize: 4096 });
    const unk = tok.specialTokens.get('<unk>');
    const prompts = [
      'the cat sat on the mat',
      'the cat sat on the pond',
      'what does the cat eat ? ',
      'the dog is running in the garden',
      'king queen apple car banana',
      'the queen ',
    ];
    for (const p of prompts) {
      const ids = tok.encode(p);
      expect(ids.includes(unk ?? -1), p).toBe(false);
      expect(tok.decode(ids)).toBe(p);
    }
  });
});

describe('tour embedding map', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])(
    'seed %i: cat~dog < cat~banana, king~queen < apple~car',
    async (seed) => {
      const { vectors: v, frames, losses } = await tourEmbeddings({ seed });
      const cos = (a: string, b: string) => v.similarity(a, b);
      expect(cos('cat', 'dog')).toBeGreaterThan(cos('cat', 'banana'));
      expect(cos('king', 'queen')).toBeGreaterThan(cos('apple', 'car'));
      const last = frames[frames.length - 1];
      const d = (a: string, b: string) => mapDistance(last, v.id(a), v.id(b));
      expect(d('cat', 'dog')).toBeLessThan(d('cat', 'banana'));
      expect(d('king', 'queen')).toBeLessThan(d('apple', 'car'));
      // The map moves: the first frame is not the last, and training lowers the loss.
      expect(mapDistance(frames[0], v.id('cat'), v.id('dog'))).not.toBeCloseTo(d('cat', 'dog'), 3);
      expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
    },
  );
});
