// Fine-tuning data: JSONL in both shapes with clear errors, the validation split, and batches —
// padding and packing keep every example whole and never let a loss cross into the next one;
// epochs visit each example once; a saved position continues the same batch sequence.

import { describe, expect, it } from 'vitest';
import {
  addSpecialTokens,
  CHAT_TOKEN_LIST,
  type Example,
  ExampleBatches,
  formatConversations,
  pairConversation,
  parseConversations,
  splitExamples,
  tokenizeConversations,
} from '../../src/finetune/index.js';
import { trainChar, trainWord } from '../../src/tokenizer/index.js';

describe('parseConversations', () => {
  it('reads {prompt, response} and {messages} lines, skipping blank lines, and writes them back', () => {
    const text = [
      '{"prompt": "Shout \\"dog\\".", "response": "DOG"}',
      '',
      '{"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}',
    ].join('\n');
    const convs = parseConversations(text, 'pairs.jsonl');
    expect(convs.map((c) => c.messages.map((m) => m.role))).toEqual([
      ['user', 'assistant'],
      ['system', 'user', 'assistant'],
    ]);
    expect(convs[0].messages[1].content).toBe('DOG');
    expect(parseConversations(formatConversations(convs))).toEqual(convs);
    expect(parseConversations(JSON.stringify([{ prompt: 'a', response: 'b' }]))).toHaveLength(1);
  });

  it('says which line is wrong and why', () => {
    const cases: [string, RegExp][] = [
      ['{"prompt": "a", "response": "b"}\n{"prompt": "a"}', /pairs.jsonl:2: missing text "response"/],
      ['{"prompt": "a", "response": "b"}\nnot json', /pairs.jsonl:2: not valid JSON/],
      ['{"messages": [{"role": "bot", "content": "x"}]}', /pairs.jsonl:1: message 1 has role "bot"/],
      [
        '{"messages": [{"role": "user", "content": "x"}]}',
        /pairs.jsonl:1: the conversation has no assistant message/,
      ],
      ['{"prompt": "a", "response": ""}', /pairs.jsonl:1: "response" is empty/],
      ['  \n', /pairs.jsonl: the file is empty/],
      ['[1, 2]', /pairs.jsonl item 1: expected a JSON object/],
    ];
    for (const [text, message] of cases)
      expect(() => parseConversations(text, 'pairs.jsonl')).toThrow(message);
  });
});

/** An example whose ids name it: tokens 100·k + i, a loss on the last two positions. */
function example(k: number, n: number): Example {
  const tokens = Int32Array.from({ length: n }, (_, i) => 100 * k + i);
  const targets = Int32Array.from({ length: n }, (_, i) => (i >= n - 2 ? 100 * k + i + 1 : -1));
  return { tokens, targets };
}

const examples = Array.from({ length: 10 }, (_, k) => example(k + 1, 3 + (k % 4)));

/** The examples found in a batch: each (k, row, start) where example k's tokens appear in order. */
function found(tokens: Int32Array, targets: Int32Array, B: number, T: number) {
  const out: { k: number; row: number; start: number }[] = [];
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const id = tokens[b * T + t];
      if (id % 100 !== 0 || id === 0) continue;
      const ex = examples[id / 100 - 1];
      const n = ex.tokens.length;
      expect(Array.from(tokens.subarray(b * T + t, b * T + t + n))).toEqual(Array.from(ex.tokens));
      expect(Array.from(targets.subarray(b * T + t, b * T + t + n))).toEqual(Array.from(ex.targets));
      out.push({ k: id / 100, row: b, start: t });
    }
  }
  return out;
}

describe('ExampleBatches', () => {
  const B = 3;
  const tokens = new Int32Array(B * 16);
  const targets = new Int32Array(B * 16);

  it('pads: one example per row at position 0, T the longest, filler rows without loss; each example once per epoch', () => {
    const batches = new ExampleBatches(examples, { batchSize: B, blockSize: 16, seed: 1 });
    expect(batches.batchesInEpoch(0)).toBe(4);
    const seen: number[] = [];
    for (let g = 0; g < 4; g++) {
      const T = batches.next(tokens, targets);
      const got = found(tokens, targets, B, T);
      expect(got.every((f) => f.start === 0)).toBe(true);
      expect(T).toBe(Math.max(...got.map((f) => examples[f.k - 1].tokens.length)));
      for (let b = got.length; b < B; b++)
        expect(targets.subarray(b * T, (b + 1) * T).every((x) => x === -1)).toBe(true);
      seen.push(...got.map((f) => f.k));
    }
    expect(seen.sort((a, b) => a - b)).toEqual(examples.map((_, k) => k + 1));
  });

  it('packs whole examples back to back within the block, each once per epoch', () => {
    const batches = new ExampleBatches(examples, { batchSize: B, blockSize: 11, seed: 1, pack: true });
    const perEpoch = batches.batchesInEpoch(0);
    expect(perEpoch).toBeLessThan(4); // fewer rows than one example each
    const seen: number[] = [];
    for (let g = 0; g < perEpoch; g++) {
      const T = batches.next(tokens, targets);
      expect(T).toBeLessThanOrEqual(11);
      const got = found(tokens, targets, B, T);
      expect(got.some((f) => f.start > 0)).toBe(true);
      seen.push(...got.map((f) => f.k));
    }
    expect(seen.sort((a, b) => a - b)).toEqual(examples.map((_, k) => k + 1));
  });

  it('continues from a saved position with the same batches, in a new order each epoch', () => {
    const a = new ExampleBatches(examples, { batchSize: B, blockSize: 16, seed: 5 });
    const run = (src: ExampleBatches, n: number) =>
      Array.from({ length: n }, () => {
        const T = src.next(tokens, targets);
        return Array.from(tokens.subarray(0, B * T));
      });
    const first = run(a, 5);
    const rest = run(a, 5);
    const b = new ExampleBatches(examples, { batchSize: B, blockSize: 16, seed: 5, position: { batch: 5 } });
    expect(run(b, 5)).toEqual(rest);
    // Batches 0–3 are epoch 0, batches 4–7 epoch 1: the same examples in another order.
    const epoch1 = [first[4], ...rest.slice(0, 3)];
    expect(epoch1).not.toEqual(first.slice(0, 4));
    const ids = (bs: number[][]) =>
      bs
        .flat()
        .filter((id) => id !== 0)
        .sort();
    expect(ids(epoch1)).toEqual(ids(first.slice(0, 4)));
    expect(
      () => new ExampleBatches(examples, { batchSize: 2, blockSize: 16, seed: 1, position: 'x' }),
    ).toThrow(/not a fine-tuning position/);
  });
});

describe('splitExamples', () => {
  it('is seeded, disjoint and complete, with at least one example on each side', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const s = splitExamples(items, 0.25, 3);
    expect(s.val).toHaveLength(5);
    expect([...s.train, ...s.val].sort((a, b) => a - b)).toEqual(items);
    expect(splitExamples(items, 0.25, 3)).toEqual(s);
    expect(splitExamples(items, 0.25, 4)).not.toEqual(s);
    expect(splitExamples([1, 2], 0.01, 1).val).toHaveLength(1);
    expect(() => splitExamples(items, 1, 1)).toThrow(
      expect.objectContaining({ field: 'valFraction', detail: 'must be in [0, 1), got 1' }),
    );
  });
});

describe('tokenizeConversations', () => {
  const chat = addSpecialTokens(trainChar({ texts: ['abc de?'] }), CHAT_TOKEN_LIST).tokenizer;
  const convs = [
    pairConversation('abc?', 'de'),
    pairConversation('a7?', 'b'),
    pairConversation('a', 'e'.repeat(30)),
  ];

  it('sets aside conversations longer than the block, and stops at text it cannot encode unless told to skip it', () => {
    expect(() => tokenizeConversations(chat, convs, 16, 'pairs.jsonl')).toThrow(
      /pairs.jsonl: conversation 2: the user message cannot be encoded/,
    );
    const t = tokenizeConversations(chat, convs, 16, 'pairs.jsonl', true);
    expect([t.examples.length, t.unencodable, t.tooLong]).toEqual([1, 1, 1]);
    expect(t.responseTokens).toBe(3); // "de" and <|end|>
    expect(t.sources[0]).toBe(convs[0]);
    expect(() => tokenizeConversations(chat, convs.slice(2), 16)).toThrow(
      /longer than the model's block size \(16 tokens\)/,
    );
  });

  it('counts reply tokens a word-level tokenizer can only write as <unk>', () => {
    const word = addSpecialTokens(
      trainWord({ texts: ['the cat sat'], vocabSize: 8 }),
      CHAT_TOKEN_LIST,
    ).tokenizer;
    const t = tokenizeConversations(word, [pairConversation('the cat', 'the dog sat')], 64);
    expect(t.unknownReplyTokens).toBe(1); // "dog"
  });
});
