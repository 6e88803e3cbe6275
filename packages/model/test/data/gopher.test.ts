// Gopher quality and repetition rules on hand-made documents, on both sides of every threshold
// (FineWeb's defaults). Expected values are worked out here from the rule's definition.
import { describe, expect, it } from 'vitest';
import { gopherQuality, gopherRepetition, wordTokens } from '../../src/data/index.js';
import { crossing, sentence, word, words } from './helpers.js';

const quality = (text: string) => gopherQuality(text, wordTokens(text));
const repetition = (text: string) => gopherRepetition(text, wordTokens(text));

describe('gopher quality', () => {
  it('needs 50 to 100,000 words (punctuation not counted)', () => {
    expect(quality(sentence(49))).toMatchObject({ reason: 'gopher_short_doc', value: 49, threshold: 50 });
    expect(quality(sentence(50))).toBeNull();
    expect(quality(sentence(100_000))).toBeNull();
    expect(quality(sentence(100_001))).toMatchObject({ reason: 'gopher_long_doc', value: 100_001 });
  });

  it('needs a mean word length from 3 to 10', () => {
    const base = ['the', 'the', ...Array(48).fill('abc')];
    expect(quality(base.join(' '))).toBeNull(); // mean exactly 3
    const short = [...base.slice(0, -1), 'ab'];
    expect(quality(short.join(' '))).toMatchObject({ reason: 'gopher_below_avg_threshold', value: 149 / 50 });
    const long = ['the', 'the', ...words(46, 0, 10), ...words(2, 100, 17)]; // 6 + 460 + 34 = 500 letters
    expect(quality(long.join(' '))).toBeNull();
    long[49] = word(200, 18);
    expect(quality(long.join(' '))).toMatchObject({ reason: 'gopher_above_avg_threshold', value: 501 / 50 });
  });

  it('allows at most 0.1 "#" and "..." per word', () => {
    // 100 words, k marks, and a last word (so the line does not end in an ellipsis).
    const text = (mark: string, k: number) =>
      `${sentence(100).slice(0, -1)} ${Array(k).fill(mark).join(' ')} end`;
    expect(quality(text('#', 11))).toBeNull(); // 11 / 112 tokens
    expect(quality(text('#', 12))).toMatchObject({ reason: 'gopher_too_many_hashes', value: 12 / 113 });
    expect(quality(text('...', 11))).toBeNull();
    expect(quality(text('...', 12))).toMatchObject({ reason: 'gopher_too_many_ellipsis', value: 12 / 113 });
    expect(quality(text('…', 12))).toMatchObject({ reason: 'gopher_too_many_ellipsis', value: 12 / 113 });
  });

  it('allows at most 90 % bullet lines and 30 % lines ending in an ellipsis', () => {
    const lines = Array.from({ length: 10 }, (_, i) => sentence(8, i * 10));
    const bullets = (k: number) => lines.map((l, i) => (i < k ? `- ${l}` : l)).join('\n');
    expect(quality(bullets(9))).toBeNull();
    expect(quality(bullets(10))).toMatchObject({ reason: 'gopher_too_many_bullets', value: 1 });
    const ellipses = (k: number) => lines.map((l, i) => (i < k ? `${l.slice(0, -1)}...` : l)).join('\n');
    expect(quality(ellipses(3))).toBeNull();
    expect(quality(ellipses(4))).toMatchObject({ reason: 'gopher_too_many_end_ellipsis', value: 0.4 });
  });

  it('needs 80 % of words to hold a letter, and two stop words', () => {
    const alpha = (numbers: number) => [sentence(80).slice(0, -1), ...Array(numbers).fill('123')].join(' ');
    expect(quality(alpha(20))).toBeNull(); // 80 / 100
    expect(quality(alpha(21))).toMatchObject({ reason: 'gopher_below_alpha_threshold', value: 80 / 101 });
    expect(quality(['the', 'of', ...words(60)].join(' '))).toBeNull();
    expect(quality(['the', ...words(60)].join(' '))).toMatchObject({
      reason: 'gopher_enough_stop_words',
      value: 1,
    });
  });
});

/** Paragraph i: a line of 12 distinct words (no n-gram shared with any other paragraph). */
const para = (i: number) => `${words(12, 1000 + i * 12).join(' ')}.`;

describe('gopher repetition', () => {
  it('allows at most 30 % duplicate paragraphs and lines', () => {
    const note = 'A short note.';
    // 8 distinct paragraphs, then the note 1 + k times, each copy between distinct paragraphs.
    const doc = (k: number, sep: string) =>
      Array.from({ length: 8 }, (_, i) => (i <= k ? `${para(i)}${sep}${note}` : para(i))).join(sep);
    expect(repetition(doc(3, '\n\n'))).toBeNull(); // 3 copies of 12 paragraphs
    expect(repetition(doc(4, '\n\n'))).toMatchObject({ reason: 'dup_para_frac', value: 4 / 13 });
    expect(repetition(doc(3, '\n'))).toBeNull();
    expect(repetition(doc(4, '\n'))).toMatchObject({ reason: 'dup_line_frac', value: 4 / 13 });
  });

  it('allows at most 20 % of characters in duplicate paragraphs and lines', () => {
    for (const [sep, reason] of [
      ['\n\n', 'dup_para_char_frac'],
      ['\n', 'dup_line_char_frac'],
    ] as const) {
      // One long line of k distinct words, written twice among 30 distinct paragraphs.
      const long = (k: number) => `${words(k, 5000, 3).join(' ')}.`;
      const doc = (k: number) =>
        [long(k), ...Array.from({ length: 30 }, (_, i) => para(i)), long(k)].join(sep);
      const { k, at, below } = crossing(reason, (k) => repetition(doc(k)));
      expect(at!.value).toBeCloseTo(long(k).length / doc(k).length, 12);
      expect(at!.value).toBeGreaterThan(0.2);
      expect(long(k - 1).length / doc(k - 1).length).toBeLessThanOrEqual(0.2);
      expect(below?.reason).not.toBe(reason);
    }
  });

  it('limits the share of the most frequent 2-, 3- and 4-gram', () => {
    for (const [n, threshold] of [
      [2, 0.2],
      [3, 0.18],
      [4, 0.16],
    ] as const) {
      const gram = ['zz', 'yy', 'xx', 'ww'].slice(0, n).join(' ');
      // 400 distinct words with the n-gram after every (400/k)-th word.
      const doc = (k: number) =>
        words(400)
          .map((w, i) =>
            k > 0 && i % Math.floor(400 / k) === 0 && i / Math.floor(400 / k) < k ? `${w} ${gram}` : w,
          )
          .join(' ');
      const { k, at, below } = crossing(`top_${n}_gram`, (k) => repetition(doc(k)), 400);
      expect(at!.value).toBeCloseTo((gram.length * k) / doc(k).length, 12);
      expect(at!.value).toBeGreaterThan(threshold);
      expect((gram.length * (k - 1)) / doc(k - 1).length).toBeLessThanOrEqual(threshold);
      expect(below).toBeNull();
    }
  });

  it('limits characters inside repeated 5- to 10-grams', () => {
    const limits = [0.15, 0.14, 0.13, 0.12, 0.11, 0.1];
    for (let n = 5; n <= 10; n++) {
      const phrase = words(n, 9000);
      const letters = phrase.join('').length;
      const doc = (k: number) =>
        words(600)
          .map((w, i) => (i % 10 === 0 && i / 10 <= k ? `${w} ${phrase.join(' ')}` : w))
          .join(' ');
      const { k, at, below } = crossing(`duplicated_${n}_n_grams`, (k) => repetition(doc(k)), 59);
      // The first occurrence is new; each later one counts its letters (words joined without spaces).
      expect(at!.value).toBeCloseTo((letters * k) / doc(k).length, 12);
      expect(at!.value).toBeGreaterThan(limits[n - 5]);
      expect((letters * (k - 1)) / doc(k - 1).length).toBeLessThanOrEqual(limits[n - 5]);
      expect(below).toBeNull();
    }
  });
});
