import { Tokenizer as HFTokenizer } from '@huggingface/tokenizers';
import { describe, expect, it } from 'vitest';
import { tokenizerFromJSON, trainTokenizer, trainWord } from '../../src/tokenizer/index.js';
import { shakespeare, TORTURE, TORTURE_CASES } from './fixtures.js';

const pieces = (tok: ReturnType<typeof trainWord>, text: string) => tok.explain(text).map((s) => s.text);

describe('word tokenizer', () => {
  it('makes words, punctuation and whitespace runs into tokens, <unk> first', () => {
    const tok = trainWord({ texts: ['The cat sat on the mat. The cat ran!'], vocabSize: 100 });
    expect(tok.idToToken(0)).toBe('<unk>');
    expect(pieces(tok, "The cat's mat.\n\n")).toEqual(['The', ' ', 'cat', "'", 's', ' ', 'mat', '.', '\n\n']);
    // Unseen pieces become <unk>; the rest keep their ids.
    expect(tok.encode('The dog')).toEqual([tok.tokenToId('The'), tok.tokenToId(' '), 0]);
  });

  it('caps the vocabulary by frequency, ties by code point, and honours min frequency', () => {
    const tok = trainWord({ texts: ['b b b a a c c d'], vocabSize: 4 });
    // ' ' ×7, 'b' ×3, then 'a' and 'c' tie at 2: 'a' wins by code point.
    expect(tok.vocabulary()).toEqual(['<unk>', ' ', 'b', 'a']);
    const min = trainWord({ texts: ['b b b a a c c d'], vocabSize: 100, minFrequency: 3 });
    expect(min.vocabulary()).toEqual(['<unk>', ' ', 'b']);
    expect(() => trainWord({ texts: ['x'], vocabSize: 1 })).toThrow(
      /vocabulary size must be an integer above 1/,
    );
  });

  it('splits whitespace by Unicode White_Space: U+0085 is whitespace, U+FEFF is not', () => {
    const tok = trainWord({ texts: [TORTURE], vocabSize: 100000 });
    expect(pieces(tok, 'a\u0085b')).toEqual(['a', '\u0085', 'b']);
    expect(pieces(tok, 'a \u0085 b')).toEqual(['a', ' \u0085 ', 'b']);
    expect(pieces(tok, 'a\ufeffb')).toEqual(['a', '\ufeff', 'b']);
    expect(pieces(tok, 'x \ufeff')).toEqual(['x', ' ', '\ufeff']);
  });

  it('keeps combining marks with their letters and digits together', () => {
    const tok = trainWord({ texts: [TORTURE], vocabSize: 100000 });
    expect(pieces(tok, 'cafe\u0301 3.14')).toEqual(['cafe\u0301', ' ', '3', '.', '14']);
  });

  it('round-trips losslessly when every piece is in the vocabulary', () => {
    const tok = trainWord({ texts: [...TORTURE_CASES, shakespeare()], vocabSize: 1_000_000 });
    for (const t of TORTURE_CASES) expect(tok.decode(tok.encode(t))).toBe(t);
    expect(tok.decode(tok.encode(shakespeare()))).toBe(shakespeare());
  });

  it('saves to tokenizer.json and loads back as the same word tokenizer', () => {
    const tok = trainTokenizer({
      type: 'word',
      texts: [shakespeare()],
      vocabSize: 2000,
      specialTokens: ['<|endoftext|>'],
    });
    const back = tokenizerFromJSON(JSON.parse(JSON.stringify(tok.toJSON())));
    expect(back.kind).toBe('word');
    expect(back.vocabSize).toBe(2000);
    expect(back.specialTokens).toEqual(tok.specialTokens);
    expect(back.encode(TORTURE)).toEqual(tok.encode(TORTURE));
  });

  it('encodes like @huggingface/tokenizers reading the saved file', () => {
    const tok = trainWord({ texts: [shakespeare(), TORTURE], vocabSize: 3000 });
    const hf = new HFTokenizer(tok.toJSON() as object, { unk_token: '<unk>' });
    for (const t of [...TORTURE_CASES, shakespeare().slice(0, 20000)]) {
      expect(hf.encode(t).ids).toEqual(tok.encode(t));
    }
  });

  it('explains bad tokenizer files in one line', () => {
    expect(() => tokenizerFromJSON('{not json')).toThrow(/not a tokenizer file: not valid JSON/);
    expect(() => tokenizerFromJSON({ hello: 1 }, 'x.json')).toThrow(
      /^x\.json: not a tokenizer file: no "model"/,
    );
    expect(() => tokenizerFromJSON({ model: { type: 'Unigram', vocab: [] } })).toThrow(
      /unsupported tokenizer model "Unigram"/,
    );
    const json = trainWord({ texts: ['a b'], vocabSize: 10 }).toJSON() as {
      model: { vocab: Record<string, number> };
    };
    json.model.vocab.a = 7;
    expect(() => tokenizerFromJSON(json)).toThrow(/vocab ids must be 0 … 3, each once/);
  });
});
