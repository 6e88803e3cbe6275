import { Tokenizer as HFTokenizer } from '@huggingface/tokenizers';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src/run/index.js';
import { BYTE_ID } from '../../src/tokenizer/bytes.js';
import { mergeSteps, tokenizerFromJSON, trainBpe, trainTokenizer } from '../../src/tokenizer/index.js';
import { compilePattern, GPT2_PATTERN, splitIsolated } from '../../src/tokenizer/pretokenize.js';
import { shakespeare, TORTURE, TORTURE_CASES } from './fixtures.js';

/** The obvious trainer, as a reference twin: recount every pair of every piece before each merge. */
function naiveMerges(text: string, merges: number, minFrequency = 2): [number, number, number][] {
  const words = splitIsolated(text, compilePattern(GPT2_PATTERN)).map((p) =>
    [...Buffer.from(p, 'utf8')].map((b) => BYTE_ID[b]),
  );
  const out: [number, number, number][] = [];
  for (let id = 256; out.length < merges; id++) {
    const counts = new Map<string, number>();
    for (const w of words)
      for (let i = 0; i + 1 < w.length; i++)
        counts.set(`${w[i]},${w[i + 1]}`, (counts.get(`${w[i]},${w[i + 1]}`) ?? 0) + 1);
    let best: [number, number, number] | undefined;
    for (const [k, c] of counts) {
      const [a, b] = k.split(',').map(Number);
      if (!best || c > best[2] || (c === best[2] && (a < best[0] || (a === best[0] && b < best[1]))))
        best = [a, b, c];
    }
    if (!best || best[2] < minFrequency) break;
    out.push(best);
    for (const w of words) {
      for (let i = 0; i + 1 < w.length; i++) if (w[i] === best[0] && w[i + 1] === best[1]) w.splice(i, 2, id);
    }
  }
  return out;
}

describe('byte-level BPE training', () => {
  it('learns the textbook example: aaabdaaabac → aa, ab, aaab', () => {
    const { merges } = trainBpe({ texts: ['aaabdaaabac'], vocabSize: 1000 });
    expect(merges.map((m) => [m.leftText, m.rightText, m.text, m.count])).toEqual([
      ['a', 'a', 'aa', 4],
      ['a', 'b', 'ab', 2], // ties with (aa, a) at 2: the smaller left id wins ("a" is a byte, "aa" is new)
      ['aa', 'ab', 'aaab', 2],
    ]);
  });

  it('makes exactly the merges of a full recount per merge (incremental counts are right)', () => {
    const text = shakespeare().slice(0, 30_000);
    const { merges } = trainBpe({ texts: [text], vocabSize: 256 + 1 + 200 });
    expect(merges.map((m) => [m.left, m.right, m.count])).toEqual(naiveMerges(text, 200));
  });

  it('is deterministic, reports progress, and stops at the vocabulary size', () => {
    const events: Progress[] = [];
    const a = trainBpe({ texts: [shakespeare()], vocabSize: 1024, onProgress: (p) => events.push(p) });
    const b = trainBpe({ texts: [shakespeare()], vocabSize: 1024 });
    expect(a.tokenizer.vocabSize).toBe(1024);
    expect(a.merges.length).toBe(1024 - 257);
    expect(b.merges).toEqual(a.merges);
    expect(events.length).toBeGreaterThan(5);
    expect(events.at(-1)).toMatchObject({ stage: 'bpe', done: 767, total: 767 });
    for (let i = 1; i < events.length; i++) expect(events[i].done).toBeGreaterThanOrEqual(events[i - 1].done);
  });

  it('stops early below the minimum frequency', () => {
    const { merges, tokenizer } = trainBpe({ texts: ['abab cdcd'], vocabSize: 1000, minFrequency: 2 });
    expect(merges.every((m) => m.count >= 2)).toBe(true);
    expect(tokenizer.vocabSize).toBe(256 + merges.length + 1);
  });

  it('keeps special tokens out of the merges and gives them the last ids', () => {
    const text = '<|endoftext|>hello world<|endoftext|>'.repeat(50);
    const { tokenizer, merges } = trainBpe({ texts: [text], vocabSize: 300 });
    expect(merges.some((m) => m.text.includes('<|') || m.text.includes('|>'))).toBe(false);
    const eot = tokenizer.specialTokens.get('<|endoftext|>');
    expect(eot).toBe(tokenizer.vocabSize - 1);
    expect(tokenizer.encode('hi<|endoftext|>', { allowedSpecial: 'all' }).at(-1)).toBe(eot);
    expect(tokenizer.encode('hi<|endoftext|>')).not.toContain(eot);
  });

  it('is what trainTokenizer builds for type bpe', () => {
    const tok = trainTokenizer({
      type: 'bpe',
      texts: ['the theme then'],
      vocabSize: 260,
      specialTokens: [],
      minFrequency: 1,
    });
    expect(tok.kind).toBe('bpe');
    expect(tok.vocabSize).toBe(260);
    expect(tok.encode(' the').length).toBe(1);
    expect(() => trainTokenizer({ type: 'bpe', texts: ['x'] })).toThrow(/needs a vocabulary size/);
  });

  it('refuses a vocabulary smaller than the byte alphabet', () => {
    expect(() => trainBpe({ texts: ['x'], vocabSize: 200 })).toThrow(
      /below the byte alphabet: .* at least 256 \+ 1 special token\(s\) = 257/,
    );
  });

  it('round-trips any text losslessly, including bytes it never saw', () => {
    const { tokenizer } = trainBpe({ texts: [shakespeare()], vocabSize: 2000 });
    for (const t of TORTURE_CASES) expect(tokenizer.decode(tokenizer.encode(t))).toBe(t);
    expect(tokenizer.decode(tokenizer.encode(TORTURE))).toBe(TORTURE);
  });

  it('saves a tokenizer.json that loads back and that @huggingface/tokenizers encodes identically', () => {
    const { tokenizer } = trainBpe({ texts: [shakespeare(), TORTURE], vocabSize: 3000 });
    const json = JSON.parse(JSON.stringify(tokenizer.toJSON()));
    const back = tokenizerFromJSON(json);
    expect(back.kind).toBe('bpe');
    expect(back.vocabSize).toBe(3000);
    const hf = new HFTokenizer(json, {});
    for (const t of [...TORTURE_CASES, shakespeare().slice(0, 20_000)]) {
      // Hugging Face always matches special tokens in text: compare with them allowed.
      const ids = tokenizer.encode(t, { allowedSpecial: 'all' });
      expect(back.encode(t, { allowedSpecial: 'all' })).toEqual(ids);
      expect(hf.encode(t).ids).toEqual(ids);
      if (ids.length > 0) expect(hf.decode(ids, { clean_up_tokenization_spaces: false })).toBe(t);
    }
  });
});

describe('BPE merge steps (the merge animation)', () => {
  it('starts from bytes, changes only at merges that apply, and ends at the full encoding', () => {
    const { tokenizer, merges } = trainBpe({ texts: [shakespeare()], vocabSize: 600 });
    const text = 'the other thing';
    const steps = mergeSteps(tokenizer, text);
    expect(steps[0].merges).toBe(0);
    expect(steps[0].tokens.map((t) => t.text)).toEqual([...text]);
    expect(steps.at(-1)?.tokens.map((t) => t.id)).toEqual(tokenizer.encode(text));
    for (let i = 1; i < steps.length; i++) {
      // The merge that made a step is one whose new token appears in it.
      const made = merges[steps[i].merges - 1];
      expect(steps[i].tokens.some((t) => t.id === made.id)).toBe(true);
      expect(steps[i].tokens.map((t) => t.text).join('')).toBe(text);
    }
  });
});
