// Pre-tokenizer patterns that could backtrack exponentially are refused when a tokenizer.json is
// loaded (before any text is encoded); the patterns tokenizers really use pass.

import { describe, expect, it } from 'vitest';
import { tokenizerFromJSON, trainBpe, trainChar } from '../../src/tokenizer/index.js';
import { checkPatternSafety } from '../../src/tokenizer/pattern-safety.js';
import { GPT2_PATTERN, WORD_PATTERN } from '../../src/tokenizer/pretokenize.js';

const CL100K =
  "'(?:[sdmt]|ll|ve|re)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

describe('checkPatternSafety', () => {
  it('passes the patterns real tokenizers use', () => {
    for (const p of [GPT2_PATTERN, WORD_PATTERN, CL100K, '[\\s\\S]', 'a+b+c*'])
      expect(() => checkPatternSafety(p)).not.toThrow();
  });

  it('refuses nested repetition and backreferences, naming the part', () => {
    expect(() => checkPatternSafety('(a+)+$', 't.json')).toThrow(
      /^t\.json: the pre-tokenizer pattern is refused: it repeats "\(a\+\)\+" around "a\+"/,
    );
    for (const p of ['(?:a*b?)*c', '(a{2,5})+$', '(\\w+\\s?)*$'])
      expect(() => checkPatternSafety(p)).toThrow(/refused/);
    expect(() => checkPatternSafety('(a)\\1')).toThrow(/backreference/);
    expect(() => checkPatternSafety('(a', 't.json')).toThrow(/t\.json: .*not a valid regular expression/);
  });

  it('refuses such a tokenizer.json on loading, not while encoding', () => {
    const json = trainChar({ texts: ['ab'] }).toJSON() as unknown as Record<string, unknown>;
    const evil = {
      ...json,
      pre_tokenizer: { type: 'Split', pattern: { Regex: '(a+)+$' }, behavior: 'Isolated', invert: false },
    };
    expect(() => tokenizerFromJSON(evil, 'evil.json')).toThrow(
      /evil\.json: the pre-tokenizer pattern is refused/,
    );
    const bpe = trainBpe({ texts: ['ab ab ab'], vocabSize: 260 }).tokenizer.toJSON() as unknown as Record<
      string,
      unknown
    >;
    const evilBpe = { ...bpe, pre_tokenizer: evil.pre_tokenizer };
    expect(() => tokenizerFromJSON(evilBpe, 'evil.json')).toThrow(
      /evil\.json: the pre-tokenizer pattern is refused/,
    );
  });
});
