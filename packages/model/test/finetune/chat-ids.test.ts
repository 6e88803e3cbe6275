// A reply the model generated stays token ids in the history: its special tokens (<|system|>, …)
// and pieces the tokenizer cannot encode back from text never have to be re-parsed, so the next
// turn renders. reply() hands those ids back.

import { describe, expect, it } from 'vitest';
import { CHAT_TOKEN_LIST, renderChat, reply } from '../../src/finetune/index.js';
import { addSpecialTokens } from '../../src/finetune/special-tokens.js';
import { GPT } from '../../src/gpt/index.js';
import { trainTokenizer } from '../../src/tokenizer/train.js';

const tokenizer = addSpecialTokens(
  trainTokenizer({ type: 'char', texts: ['hello there'] }),
  CHAT_TOKEN_LIST,
).tokenizer;
const system = tokenizer.specialTokens.get('<|system|>')!;

describe('chat history as ids', () => {
  it('renders a generated reply from its ids, even when its text cannot be encoded', () => {
    const ids = [...tokenizer.encode('hello'), system];
    const text = tokenizer.decode(ids); // "hello<|system|>": '<', '|' are not in the vocabulary
    expect(() => renderChat(tokenizer, [{ role: 'assistant', content: text }])).toThrow(/cannot be encoded/);
    const rendered = renderChat(tokenizer, [
      { role: 'user', content: 'hello' },
      { role: 'assistant', content: text, ids },
      { role: 'user', content: 'there' },
    ]);
    expect(rendered.ids).toContain(system);
  });

  it('reply() returns the ids it generated', async () => {
    const model = await GPT.create(
      { vocabSize: tokenizer.vocabSize, blockSize: 32, nLayer: 1, nHead: 1, nEmbd: 8 },
      { seed: 2 },
    );
    const r = reply(model, tokenizer, [{ role: 'user', content: 'hello' }], { maxTokens: 5 });
    expect(r.ids.length).toBeGreaterThan(0);
    expect(tokenizer.decode(r.ids)).toBe(r.text);
    // The next turn renders whatever was generated.
    expect(() =>
      renderChat(tokenizer, [
        { role: 'user', content: 'hello' },
        { role: 'assistant', content: r.text, ids: r.ids },
        { role: 'user', content: 'there' },
      ]),
    ).not.toThrow();
  });
});
