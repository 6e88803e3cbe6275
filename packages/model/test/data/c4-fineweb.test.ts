// C4's line and document rules and FineWeb's own rules on hand-made documents, on both sides of
// each threshold (FineWeb's defaults: C4's terminal-punctuation rule off).
import { describe, expect, it } from 'vitest';
import { C4_DEFAULTS, c4Filter, finewebQuality } from '../../src/data/index.js';
import { crossing, sentence, words } from './helpers.js';

/** k sentences of 8 distinct words, one per line. */
const lines = (k: number, from = 0) => Array.from({ length: k }, (_, i) => sentence(8, from + i * 10));

describe('C4 rules', () => {
  it('needs 5 sentences after line filtering', () => {
    expect(c4Filter(lines(4).join('\n')).rejection).toEqual({
      reason: 'too_few_sentences',
      value: 4,
      threshold: 5,
    });
    expect(c4Filter(lines(5).join('\n')).text).toBe(lines(5).join('\n'));
    // Two sentences on one line count as two (Unicode sentence breaks: a capital after the period).
    const two = `${sentence(8, 90)} The${sentence(8, 100).slice(3)}`;
    expect(c4Filter([...lines(3), two].join('\n')).rejection).toBeUndefined();
    expect(c4Filter([...lines(3), two.replace(' The', ' the')].join('\n')).rejection).toMatchObject({
      value: 4,
    });
  });

  it('drops pages with "lorem ipsum" or a curly bracket, naming the line', () => {
    const doc = (extra: string) => [...lines(5), extra].join('\n');
    expect(c4Filter(doc('Lorem Ipsum dolor sit amet.')).rejection).toMatchObject({
      reason: 'lorem_ipsum',
      detail: 'line 6',
    });
    expect(c4Filter(doc('Lorem dolor ipsum sit amet.')).rejection).toBeUndefined();
    expect(c4Filter(doc('if (x) { return y; }')).rejection).toMatchObject({ reason: 'curly_bracket' });
    expect(c4Filter(doc('if (x) ( return y; )')).rejection).toBeUndefined();
    // A bracket on a line too short to keep never counts: the line goes first.
    expect(c4Filter(doc('{ }')).rejection).toBeUndefined();
  });

  it('drops short, javascript, policy and giant-word lines and strips citations', () => {
    const doc = [
      ...lines(5),
      'Menu',
      'Please enable JavaScript to view this.',
      'This site uses cookies to improve things.',
      `A ${'x'.repeat(1001)} word.`,
      'The fox jumped[1] over the dog[citation needed].',
    ].join('\n');
    const r = c4Filter(doc);
    expect(r.text).toBe([...lines(5), 'The fox jumped over the dog.'].join('\n'));
    expect(r.linesRemoved).toEqual({
      c4_line_too_few_words: 1,
      c4_line_javascript: 1,
      c4_line_policy: 1,
      c4_line_too_long_word: 1,
    });
  });

  it('keeps lines without terminal punctuation by default (FineWeb), drops them when asked', () => {
    const doc = [...lines(5), 'a line with no end mark'].join('\n');
    expect(c4Filter(doc).text).toContain('no end mark');
    const strict = c4Filter(doc, { ...C4_DEFAULTS, filterNoTerminalPunct: true });
    expect(strict.text).not.toContain('no end mark');
    expect(strict.linesRemoved).toEqual({ c4_line_no_terminal_punct: 1 });
  });
});

describe('FineWeb rules', () => {
  // Long distinct lines, so only the rule under test is near its threshold.
  const long = (i: number, end = '.') => `${words(8, i * 8).join(' ')}${end}`;

  it('needs more than 12 % of lines to end in punctuation', () => {
    const doc = (k: number) => Array.from({ length: 25 }, (_, i) => long(i, i < k ? '.' : '')).join('\n');
    expect(finewebQuality(doc(3))).toEqual({ reason: 'line_punct_ratio', value: 0.12, threshold: 0.12 });
    expect(finewebQuality(doc(4))).toBeNull();
  });

  it('needs under 67 % of lines at most 30 characters long', () => {
    const short = (i: number) => `${words(3, 5000 + i * 3).join(' ')}.`; // 18 characters
    const doc = (k: number) => Array.from({ length: 100 }, (_, i) => (i < k ? short(i) : long(i))).join('\n');
    expect(finewebQuality(doc(66))).toBeNull();
    expect(finewebQuality(doc(67))).toEqual({ reason: 'short_line_ratio', value: 0.67, threshold: 0.67 });
  });

  it('needs under 1 % of characters in repeated lines', () => {
    const base = Array.from({ length: 40 }, (_, i) => long(i));
    const doc = (k: number) => [...base, `Repeat ${words(k, 7000, 3).join(' ')}.`].join('\n');
    const twice = (k: number) => `${doc(k)}\n${doc(k).split('\n').at(-1)}`;
    const { k, at, below } = crossing('char_dup_ratio', (k) => finewebQuality(twice(k)));
    const ratio = (k: number) => doc(k).split('\n').at(-1)!.length / twice(k).replaceAll('\n', '').length;
    expect(at!.value).toBeCloseTo(ratio(k), 12);
    expect(ratio(k)).toBeGreaterThanOrEqual(0.01);
    expect(ratio(k - 1)).toBeLessThan(0.01);
    expect(below).toBeNull();
  });

  it('allows at most 0.3 newlines per word', () => {
    // Lines of two long words and a period: 3 tokens per line; with three words, 4.
    const doc = (n: number) =>
      Array.from({ length: 30 }, (_, i) => `${words(n, i * n, 16).join(' ')}.`).join('\n');
    expect(finewebQuality(doc(3))).toBeNull(); // 29 / 120
    expect(finewebQuality(doc(2))).toEqual({ reason: 'list_ratio', value: 29 / 90, threshold: 0.3 });
  });
});
