// The tour's BPE cuts "running" into the pieces a learner recognises, "run" + "ning", as the
// tour's tokens step shows it: trained by the library's own tourBpe() on the tour corpus (the
// page's call), and for every corpus seed 1–10 at the same vocabulary size, so the split is a
// property of the corpus and the size, not luck of one draw.

import { describe, expect, it } from 'vitest';
import { tourCorpus } from '../../src/data/index.js';
import { TOUR_BPE_VOCAB_SIZE, tourBpe } from '../../src/run/index.js';
import { type Tokenizer, trainBpe } from '../../src/tokenizer/index.js';

/** The sentence the tour's tokens step cuts. */
const SENTENCE = 'the dog is running, the cat sat!';

/** The pieces that cover `word` inside `text`, without the space a piece may carry in front. */
function piecesOf(tokenizer: Tokenizer, text: string, word: string): string[] {
  const start = text.indexOf(word);
  const end = start + word.length;
  return tokenizer
    .explain(text)
    .filter((s) => s.end > start && s.start < end)
    .map((s) => text.slice(s.start, s.end).trim());
}

describe("the tour's BPE", () => {
  it('splits "running" into run + ning, as the page trains it', () => {
    const { tokenizer } = tourBpe();
    expect(tokenizer.vocabSize).toBe(TOUR_BPE_VOCAB_SIZE);
    expect(piecesOf(tokenizer, SENTENCE, 'running')).toEqual(['run', 'ning']);
    // The pieces are tokens of their own, and the other words of the sentence stay whole.
    expect(piecesOf(tokenizer, SENTENCE, 'dog')).toEqual(['dog']);
    expect(piecesOf(tokenizer, SENTENCE, ',')).toEqual([',']);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])('corpus seed %i: "running" is run + ning', (seed) => {
    const { tokenizer } = trainBpe({
      texts: [tourCorpus({ seed, sentences: 4000 })],
      vocabSize: TOUR_BPE_VOCAB_SIZE,
    });
    expect(piecesOf(tokenizer, SENTENCE, 'running')).toEqual(['run', 'ning']);
  });
});
