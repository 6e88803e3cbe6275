// The seeded train/validation split and the document encoder used for shards.
import { describe, expect, it } from 'vitest';
import { DocumentEncoder, validationMask } from '../../src/data/index.js';
import { trainChar } from '../../src/tokenizer/index.js';

const count = (m: boolean[]) => m.filter(Boolean).length;

describe('validation split', () => {
  it('takes exactly round(n × fraction) documents, at least one, never all', () => {
    expect(count(validationMask(100, 0.1, 1))).toBe(10);
    expect(count(validationMask(101, 0.25, 1))).toBe(25);
    expect(count(validationMask(5, 0.01, 1))).toBe(1);
    expect(count(validationMask(2, 0.9, 1))).toBe(1);
    expect(count(validationMask(1, 0.5, 1))).toBe(0); // a lone document stays in training
    expect(count(validationMask(50, 0, 1))).toBe(0);
    expect(() => validationMask(10, 1, 1)).toThrow(/below 1/);
  });

  it('is reproducible from its seed', () => {
    expect(validationMask(200, 0.1, 42)).toEqual(validationMask(200, 0.1, 42));
    expect(validationMask(200, 0.1, 42)).not.toEqual(validationMask(200, 0.1, 43));
  });
});

describe('document encoder', () => {
  it('closes every document with <|endoftext|>, or a blank line when the tokenizer has none', () => {
    const withEot = new DocumentEncoder(trainChar({ texts: ['ab\n'], specialTokens: ['<|endoftext|>'] }));
    expect(withEot.tokenizer.decode(withEot.encode('ab'))).toBe('ab<|endoftext|>');
    const plain = new DocumentEncoder(trainChar({ texts: ['ab\n'] }));
    expect(plain.eot).toBeUndefined();
    expect(plain.tokenizer.decode(plain.encode('ba'))).toBe('ba\n\n');
  });
});
