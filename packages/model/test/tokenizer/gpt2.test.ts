import { Tokenizer as HFTokenizer } from '@huggingface/tokenizers';
import { encode as gptTokenizerEncode } from 'gpt-tokenizer/encoding/r50k_base';
import { get_encoding } from 'tiktoken';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGpt2, tokenizerFromJSON } from '../../src/tokenizer/index.js';
import { utf8Bytes } from '../../src/tokenizer/utf8.js';
import { shakespeare, TORTURE, TORTURE_CASES } from './fixtures.js';

const ref = get_encoding('gpt2');
afterAll(() => ref.free());
const tiktoken = (text: string) => Array.from(ref.encode(text, [], []));

describe("GPT-2's real vocabulary (r50k_base)", () => {
  it('has 50,257 ids with <|endoftext|> = 50256', async () => {
    const tok = await loadGpt2();
    expect(tok.vocabSize).toBe(50257);
    expect(tok.specialTokens.get('<|endoftext|>')).toBe(50256);
    expect(tok.idToToken(0)).toBe('!');
  });

  it('encodes tinyshakespeare exactly as tiktoken does', async () => {
    const tok = await loadGpt2();
    const text = shakespeare();
    const ids = tok.encode(text);
    expect(ids.length).toBe(338_025); // the figure BENCHMARKS.md gives for this file
    expect(ids).toEqual(tiktoken(text));
    expect(tok.decode(ids)).toBe(text);
  });

  it('encodes the Unicode torture text exactly as tiktoken does, case by case and whole', async () => {
    const tok = await loadGpt2();
    for (const t of TORTURE_CASES) expect(tok.encode(t)).toEqual(tiktoken(t));
    expect(tok.encode(TORTURE)).toEqual(tiktoken(TORTURE));
    for (const t of TORTURE_CASES) expect(tok.decode(tok.encode(t))).toBe(t);
  });

  it('treats U+0085 and U+FEFF as Unicode does, where a \\s-based port goes wrong', async () => {
    const tok = await loadGpt2();
    for (const text of ['a \u0085b', 'a \ufeffb']) {
      expect(tok.encode(text)).toEqual(tiktoken(text));
      // The pure-JavaScript port disagrees on these texts: the case is a real trap.
      expect(gptTokenizerEncode(text)).not.toEqual(tiktoken(text));
    }
  });

  it('matches tiktoken on special tokens when they are allowed', async () => {
    const tok = await loadGpt2();
    const text = 'end<|endoftext|>start <|endoftext|>';
    expect(tok.encode(text, { allowedSpecial: 'all' })).toEqual(Array.from(ref.encode(text, 'all')));
    expect(tok.encode(text)).toEqual(tiktoken(text));
  });

  it('explains every token with its byte span, and decodes partial characters to bytes', async () => {
    const tok = await loadGpt2();
    const text = 'Hi 👩‍👩‍👧 漢字';
    const spans = tok.explain(text);
    expect(spans.map((s) => s.id)).toEqual(tiktoken(text));
    const bytes = utf8Bytes(text);
    expect(spans[0]).toMatchObject({ text: 'Hi', start: 0, end: 2 });
    let at = 0;
    for (const s of spans) {
      expect(s.start).toBe(at);
      expect(Array.from(tok.decodeBytes([s.id]))).toEqual(Array.from(bytes.subarray(s.start, s.end)));
      at = s.end;
    }
    expect(at).toBe(bytes.length);
  });

  it('saves as tokenizer.json (merges recovered from ranks) that loads back and into @huggingface/tokenizers', async () => {
    const tok = await loadGpt2();
    const json = JSON.parse(JSON.stringify(tok.toJSON()));
    expect(json.model.merges.length).toBe(50_000);
    const back = tokenizerFromJSON(json);
    const hf = new HFTokenizer(json, {});
    for (const t of [...TORTURE_CASES, shakespeare().slice(0, 20_000)]) {
      expect(back.encode(t)).toEqual(tiktoken(t));
      // Hugging Face always matches special tokens in text: compare with tiktoken allowing them.
      expect(hf.encode(t).ids).toEqual(Array.from(ref.encode(t, 'all')));
    }
  });
});
