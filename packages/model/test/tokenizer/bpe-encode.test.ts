import { describe, expect, it } from 'vitest';
import { Random } from '../../src/index.js';
import { encodeLong, encodeShort } from '../../src/tokenizer/bpe-encode.js';
import type { BpeModel } from '../../src/tokenizer/bpe-model.js';
import { loadGpt2, trainBpe } from '../../src/tokenizer/index.js';
import { utf8Bytes } from '../../src/tokenizer/utf8.js';
import { shakespeare } from './fixtures.js';

/** The heap encoder (long pieces) against the plain O(n²) scan, its reference twin. */
function expectTwinsAgree(model: BpeModel, bytes: Uint8Array): void {
  const a: number[] = [];
  const b: number[] = [];
  encodeShort(model, bytes, a);
  encodeLong(model, bytes, b);
  expect(b).toEqual(a);
}

describe('BPE piece encoder', () => {
  it('gives the same ids with the heap as with the plain scan, on GPT-2 and a trained model', async () => {
    const gpt2 = (await loadGpt2()).model;
    const trained = trainBpe({ texts: [shakespeare()], vocabSize: 1500 }).tokenizer.model;
    const rng = new Random(11);
    const text = shakespeare();
    const alphabet = ['a', 'b', ' ', 'e', 'é', '漢', '😀', '\n'];
    for (let trial = 0; trial < 60; trial++) {
      const at = rng.int(text.length - 400);
      const n = 1 + rng.int(300);
      const slice =
        trial % 2 === 0
          ? text.slice(at, at + n)
          : Array.from({ length: n }, () => alphabet[rng.int(alphabet.length)]).join('');
      for (const model of [gpt2, trained]) expectTwinsAgree(model, utf8Bytes(slice));
    }
    for (const model of [gpt2, trained]) {
      expectTwinsAgree(model, utf8Bytes('a'.repeat(2000)));
      expectTwinsAgree(model, utf8Bytes(' '.repeat(1500)));
      expectTwinsAgree(model, utf8Bytes('ab'.repeat(700)));
    }
  });
});
