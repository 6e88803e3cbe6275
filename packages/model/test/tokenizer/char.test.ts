import { Tokenizer as HFTokenizer } from '@huggingface/tokenizers';
import { describe, expect, it } from 'vitest';
import { tokenizerFromJSON, trainChar } from '../../src/tokenizer/index.js';
import { utf8Bytes } from '../../src/tokenizer/utf8.js';
import { shakespeare, TORTURE, TORTURE_CASES } from './fixtures.js';

describe('char tokenizer', () => {
  it("gives nanoGPT's 65-character vocabulary for tinyshakespeare, sorted", () => {
    const tok = trainChar({ texts: [shakespeare()] });
    expect(tok.vocabSize).toBe(65);
    // The vocabulary nanoGPT's prepare.py prints for this file.
    const expected = "\n !$&',-.3:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    expect(tok.vocabulary().join('')).toBe(expected);
    expect(tok.encode('hii there')).toEqual([46, 47, 47, 1, 58, 46, 43, 56, 43]);
  });

  it('round-trips tinyshakespeare and the Unicode torture text losslessly', () => {
    const text = shakespeare();
    const tok = trainChar({ texts: [text] });
    expect(tok.decode(tok.encode(text))).toBe(text);
    const uni = trainChar({ texts: [TORTURE] });
    for (const t of TORTURE_CASES) expect(uni.decode(uni.encode(t))).toBe(t);
    expect(uni.encode('')).toEqual([]);
  });

  it('treats each code point as one token and sorts by code point, not UTF-16 unit', () => {
    const tok = trainChar({ texts: ['\ue000😀a'] });
    // U+E000 sorts below U+1F600 by code point; by UTF-16 units (0xD83D…) it would not.
    expect(tok.vocabulary()).toEqual(['a', '\ue000', '😀']);
    expect(tok.encode('😀a')).toEqual([2, 0]);
  });

  it('reports byte spans that cover the UTF-8 encoding exactly', () => {
    const tok = trainChar({ texts: [TORTURE] });
    const text = TORTURE_CASES[4] + TORTURE_CASES[6];
    const spans = tok.explain(text);
    const bytes = utf8Bytes(text);
    let at = 0;
    for (const s of spans) {
      expect(s.start).toBe(at);
      expect(Buffer.from(bytes.subarray(s.start, s.end)).toString('utf8')).toBe(s.text);
      at = s.end;
    }
    expect(at).toBe(bytes.length);
  });

  it('rejects unknown characters without an unknown-token, maps them with one', () => {
    const tok = trainChar({ texts: ['abc'] });
    expect(() => tok.encode('abz')).toThrow(/character "z" \(U\+007A\) is not in this char tokenizer/);
    const withUnk = trainChar({ texts: ['abc'], unkToken: '<unk>' });
    expect(withUnk.encode('abz')).toEqual([0, 1, 3]);
  });

  it('keeps the most frequent characters under a vocabulary cap', () => {
    const tok = trainChar({ texts: ['aaaabbbcce'], vocabSize: 3 });
    expect(tok.vocabulary()).toEqual(['a', 'b', '<unk>']);
    expect(tok.encode('ace')).toEqual([0, 2, 2]);
  });

  it('matches special tokens only when allowed', () => {
    const tok = trainChar({ texts: ['<|endoftext|> ab'], specialTokens: ['<|endoftext|>'] });
    const eot = tok.specialTokens.get('<|endoftext|>')!;
    expect(tok.encode('a<|endoftext|>b', { allowedSpecial: 'all' })).toEqual([
      tok.tokenToId('a'),
      eot,
      tok.tokenToId('b'),
    ]);
    expect(tok.encode('a<|endoftext|>b')).not.toContain(eot);
    expect(tok.decode(tok.encode('a<|endoftext|>b', { allowedSpecial: ['<|endoftext|>'] }))).toBe(
      'a<|endoftext|>b',
    );
  });

  it('saves to tokenizer.json and loads back as the same char tokenizer', () => {
    const tok = trainChar({ texts: [TORTURE], specialTokens: ['<|endoftext|>'] });
    const back = tokenizerFromJSON(JSON.stringify(tok.toJSON()));
    expect(back.kind).toBe('char');
    expect(back.vocabSize).toBe(tok.vocabSize);
    expect(back.encode(TORTURE)).toEqual(tok.encode(TORTURE));
    expect(back.specialTokens).toEqual(tok.specialTokens);
  });

  it('encodes like @huggingface/tokenizers reading the saved file', () => {
    const tok = trainChar({ texts: [shakespeare().slice(0, 20000), TORTURE] });
    const hf = new HFTokenizer(tok.toJSON() as object, {});
    for (const t of [...TORTURE_CASES, shakespeare().slice(0, 5000)]) {
      const ids = tok.encode(t);
      expect(hf.encode(t).ids).toEqual(ids);
      if (ids.length > 0) expect(hf.decode(ids, { clean_up_tokenization_spaces: false })).toBe(t);
    }
  });
});
