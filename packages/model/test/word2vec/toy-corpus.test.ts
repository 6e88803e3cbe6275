// The toy corpus: deterministic for a seed, different across seeds, and shaped as the explainer
// needs it — cat and dog fill the same slots, banana appears only among fruit words.

import { describe, expect, it } from 'vitest';
import { TOY_FAMILIES, toyCorpus, toySentences } from '../../src/data/index.js';

/** Words seen within a sentence of `word`, with counts. */
function company(sentences: string[][], word: string): Map<string, number> {
  const seen = new Map<string, number>();
  for (const s of sentences) {
    if (!s.includes(word)) continue;
    for (const w of s) if (w !== word) seen.set(w, (seen.get(w) ?? 0) + 1);
  }
  return seen;
}

describe('toy corpus', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(toyCorpus({ seed: 7 })).toBe(toyCorpus({ seed: 7 }));
    expect(toyCorpus({ seed: 7 })).not.toBe(toyCorpus({ seed: 8 }));
    const text = toyCorpus({ seed: 3, sentences: 50 });
    expect(text.split('\n').filter(Boolean)).toHaveLength(50);
    expect(text).toMatch(/^[a-z ]+(\n[a-z ]+)*\n$/);
  });

  it('gives cat and dog the same company and keeps banana among fruit', () => {
    const sentences = toySentences({ seed: 1 });
    const cat = company(sentences, 'cat');
    const dog = company(sentences, 'dog');
    const banana = company(sentences, 'banana');
    // Every context word of cat also occurs with dog, and vice versa.
    expect([...cat.keys()].sort()).toEqual([...dog.keys()].sort());
    for (const fruit of TOY_FAMILIES.fruit) {
      expect(cat.has(fruit)).toBe(false);
      expect(banana.has(fruit)).toBe(false); // one fruit per sentence
    }
    expect(cat.has('banana') || dog.has('banana')).toBe(false);
    // Banana shares its contexts with apple, not with the pets.
    const apple = company(sentences, 'apple');
    expect(apple.has('peeled') && banana.has('peeled')).toBe(true);
    expect(banana.has('sofa') || banana.has('vet')).toBe(false);
    // cat and dog are both common, neither dominates.
    const count = (w: string) => sentences.flat().filter((x) => x === w).length;
    expect(count('cat')).toBeGreaterThan(150);
    expect(Math.abs(count('cat') - count('dog')) / count('cat')).toBeLessThan(0.25);
  });

  it('rejects a negative sentence count', () => {
    expect(() => toySentences({ sentences: -1 })).toThrow(/non-negative integer/);
  });
});
