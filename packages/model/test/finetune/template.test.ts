// The chat template, special tokens added to a tokenizer and rows to the embedding, and the loss
// mask: prompt tokens carry no loss and contribute exactly zero gradient.

import { describe, expect, it } from 'vitest';
import {
  addSpecialTokens,
  CHAT_TOKEN_LIST,
  pairConversation,
  prepareChatModel,
  renderChat,
  toExample,
  withAddedTokens,
} from '../../src/finetune/index.js';
import { softmax } from '../../src/gpt/index.js';
import {
  loadGpt2,
  tokenizerFromJSON,
  trainChar,
  trainTokenizer,
  trainWord,
} from '../../src/tokenizer/index.js';
import { TEXT, tinyBase } from './fixtures.js';

describe('special tokens', () => {
  it('are appended after every existing id, leave ordinary text as it was, and survive tokenizer.json', () => {
    const char = trainChar({ texts: [`${TEXT}<|>`] });
    const { tokenizer, added } = addSpecialTokens(char, CHAT_TOKEN_LIST);
    expect(added.map((a) => a.id)).toEqual([0, 1, 2, 3].map((i) => char.vocabSize + i));
    expect(tokenizer.vocabSize).toBe(char.vocabSize + 4);
    expect(tokenizer.encode(TEXT)).toEqual(char.encode(TEXT));
    // Their text in ordinary content stays ordinary characters.
    expect(tokenizer.encode('<|end|>')).toEqual(char.encode('<|end|>'));
    const reloaded = tokenizerFromJSON(JSON.parse(JSON.stringify(tokenizer.toJSON())));
    expect([...reloaded.specialTokens]).toEqual([...tokenizer.specialTokens]);
    // Adding what is already there changes nothing.
    expect(addSpecialTokens(tokenizer, CHAT_TOKEN_LIST).added).toEqual([]);
  });

  it('work for byte-level BPE (and GPT-2’s own vocabulary), which keeps <|endoftext|>', async () => {
    const bpe = trainTokenizer({ type: 'bpe', texts: [TEXT.repeat(4)], vocabSize: 300 });
    const { tokenizer, added } = addSpecialTokens(bpe, CHAT_TOKEN_LIST);
    expect(added.map((a) => a.id)).toEqual([0, 1, 2, 3].map((i) => bpe.vocabSize + i));
    expect(tokenizer.encode(TEXT)).toEqual(bpe.encode(TEXT));
    expect(tokenizer.specialTokens.get('<|endoftext|>')).toBe(bpe.specialTokens.get('<|endoftext|>'));
    const gpt2 = await loadGpt2();
    const chat = addSpecialTokens(gpt2, CHAT_TOKEN_LIST).tokenizer;
    expect(gpt2.vocabSize).toBe(50257);
    expect(chat.specialTokens.get('<|system|>')).toBe(50257);
    expect(chat.encode(' hello world')).toEqual(gpt2.encode(' hello world'));
    expect(chat.decode([50258, ...chat.encode('hi'), 50260])).toBe('<|user|>hi<|end|>');
  });

  it('work for a word-level tokenizer with its own <unk>', () => {
    const word = trainWord({ texts: [TEXT], vocabSize: 40 });
    const { tokenizer, added } = addSpecialTokens(word, ['<|user|>']);
    expect(added).toEqual([{ token: '<|user|>', id: 40 }]);
    expect(tokenizer.specialTokens.get('<unk>')).toBe(0);
    expect(tokenizer.decode([40])).toBe('<|user|>');
  });
});

describe('embedding rows for added tokens', () => {
  it('start at the mean of the old rows and leave every old weight and old-token logit unchanged', async () => {
    const { model } = await tinyBase();
    const V = model.config.vocabSize;
    const C = model.config.nEmbd;
    const grown = await withAddedTokens(model, [V, V + 1]);
    expect(grown.config.vocabSize).toBe(V + 2);
    const old = model.params.get('wte.weight').data;
    const wte = grown.params.get('wte.weight').data;
    expect(wte.subarray(0, V * C)).toEqual(old);
    for (let c = 0; c < C; c++) {
      let mean = 0;
      for (let v = 0; v < V; v++) mean += old[v * C + c];
      expect(wte[V * C + c]).toBeCloseTo(mean / V, 6);
      expect(wte[(V + 1) * C + c]).toBe(wte[V * C + c]);
    }
    const tokens = [3, 1, 4, 1, 5];
    model.forward({ tokens, B: 1, T: 5 });
    const before = model.activations!.logits.data.slice(0, 5 * V);
    grown.forward({ tokens, B: 1, T: 5 });
    const after = grown.activations!.logits.data;
    for (let t = 0; t < 5; t++) {
      for (let v = 0; v < V; v++) expect(after[t * (V + 2) + v]).toBeCloseTo(before[t * V + v], 5);
      // The new token's logit is the mean logit: no more likely than an average token.
      const row = Array.from(after.subarray(t * (V + 2), t * (V + 2) + V));
      expect(after[t * (V + 2) + V]).toBeCloseTo(row.reduce((a, b) => a + b) / V, 4);
    }
  });
});

describe('the chat template and the loss mask', () => {
  it('renders role, content and <|end|> per message, with a loss on the reply only', async () => {
    const { model, tokenizer: base } = await tinyBase();
    const { tokenizer } = await prepareChatModel(model, base);
    const s = (t: string) => tokenizer.specialTokens.get(t)!;
    const { ids, loss } = renderChat(tokenizer, pairConversation('Shout "dog".', 'DOG').messages);
    const expected = [s('<|user|>'), ...base.encode('Shout "dog".'), s('<|end|>'), s('<|assistant|>')];
    expect(ids).toEqual([...expected, ...base.encode('DOG'), s('<|end|>')]);
    expect(loss).toEqual([...expected.map(() => false), true, true, true, true]);
    const gen = renderChat(tokenizer, [{ role: 'user', content: 'hi' }], { generationPrompt: true });
    expect(gen.ids.at(-1)).toBe(s('<|assistant|>'));
    expect(() => renderChat(base, [{ role: 'user', content: 'hi' }])).toThrow(/has no chat tokens/);
  });

  it('gives prompt tokens exactly zero gradient; the loss is the mean −ln p over the reply', async () => {
    const { model: base, tokenizer: baseTok } = await tinyBase();
    const { model, tokenizer } = await prepareChatModel(base, baseTok);
    const ex = toExample(tokenizer, pairConversation('Write "boxes" in capital letters.', 'BOXES'));
    const n = ex.tokens.length;
    const reply = [...ex.targets.keys()].filter((i) => ex.targets[i] >= 0);
    expect(reply).toHaveLength('BOXES'.length + 1); // the reply and its <|end|>
    expect(reply[0]).toBe(n - reply.length); // and they are the last positions
    const V = model.config.vocabSize;
    // The reference: probabilities from a forward pass without targets.
    model.forward({ tokens: ex.tokens, B: 1, T: n });
    const logits = model.activations!.logits.data.slice(0, n * V);
    const expected =
      reply.reduce(
        (sum, i) => sum - Math.log(softmax(logits.subarray(i * V, (i + 1) * V))[ex.targets[i]]),
        0,
      ) / reply.length;
    const loss = model.forward({ tokens: ex.tokens, targets: ex.targets, B: 1, T: n })!;
    expect(loss).toBeCloseTo(expected, 5);
    model.zeroGrad();
    model.backward();
    const dlogits = model.activations!.logits.data; // backward leaves ∂loss/∂logits here
    for (let i = 0; i < n; i++) {
      const row = dlogits.subarray(i * V, (i + 1) * V);
      if (ex.targets[i] < 0)
        expect(
          row.every((g) => g === 0),
          `prompt position ${i}`,
        ).toBe(true);
      else
        expect(
          row.some((g) => g !== 0),
          `reply position ${i}`,
        ).toBe(true);
    }
  });
});
