import { describe, expect, it } from 'vitest';
import { loadGpt2, tokenLabels, visibleWhitespace } from '../../src/tokenizer/index.js';

describe('token labels', () => {
  it("shows whole characters as text and a partial character's bytes in hex", async () => {
    const gpt2 = await loadGpt2();
    const text = 'ok 😀 漢';
    const spans = gpt2.explain(text);
    const labels = tokenLabels(text, spans);
    // Concatenating the labels, with hex turned back into bytes, gives the text again.
    const bytes = labels.flatMap((l) =>
      l
        .split(/(\\x[0-9A-F]{2})/)
        .flatMap((part) =>
          part.startsWith('\\x') ? [Number.parseInt(part.slice(2), 16)] : [...Buffer.from(part, 'utf8')],
        ),
    );
    expect(Buffer.from(bytes).toString('utf8')).toBe(text);
    expect(labels[0]).toBe('ok');
    expect(labels.some((l) => l.startsWith(' \\xF0'))).toBe(true); // a space, then the emoji's first bytes
  });

  it('makes whitespace and control characters visible', () => {
    expect(visibleWhitespace(' a\tb\n\u0085\ufeff')).toBe('·a→b↵<U+0085><U+FEFF>');
    expect(visibleWhitespace(' \n', false)).toBe(' ↵\n');
  });
});
