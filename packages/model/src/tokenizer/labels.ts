// How to show tokens to a person (the CLI's coloured pieces, the Tokens page): each token's text,
// or its bytes in hex when it holds only part of a character (GPT-2 splits most emoji and CJK
// characters across tokens); and whitespace and control characters made visible.

import type { TokenSpan } from './types.js';
import { utf8Bytes } from './utf8.js';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function hex(b: number): string {
  return `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Length of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte). */
function sequenceLength(lead: number): number {
  if (lead >= 0xf0) return 4;
  if (lead >= 0xe0) return 3;
  if (lead >= 0xc0) return 2;
  return 1;
}

/** Bytes as text, with every byte that is not part of a whole character inside them shown in hex. */
function label(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceLength(bytes[i]);
    let ch: string | undefined;
    if (i + n <= bytes.length) {
      try {
        ch = strict.decode(bytes.subarray(i, i + n));
      } catch {
        ch = undefined;
      }
    }
    if (ch === undefined) {
      out += hex(bytes[i]);
      i += 1;
    } else {
      out += ch;
      i += n;
    }
  }
  return out;
}

/**
 * One label per span of `text`: the span's characters, with the bytes of a partial character in
 * hex — GPT-2's " 😀" is two tokens, labelled " \xF0\x9F\x98" and "\x80".
 */
export function tokenLabels(text: string, spans: readonly Pick<TokenSpan, 'start' | 'end'>[]): string[] {
  const bytes = utf8Bytes(text);
  return spans.map((s) => label(bytes.subarray(s.start, s.end)));
}

/**
 * A piece with whitespace and control characters shown: space ·, newline ↵, tab →, others as
 * <U+XXXX>. With `spaces` false, spaces stay (a coloured background shows them) and a newline
 * still breaks the line after its ↵.
 */
export function visibleWhitespace(piece: string, spaces = true): string {
  return piece.replace(/[\s\u0085\p{Cc}\p{Cf}]/gu, (c) => {
    if (c === ' ') return spaces ? '·' : ' ';
    if (c === '\n') return spaces ? '↵' : '↵\n';
    if (c === '\t') return '→';
    return `<U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}
