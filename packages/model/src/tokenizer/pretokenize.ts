// Pre-tokenization: cutting text into the pieces a tokenizer then maps to ids, by a regular
// expression. Whitespace follows Unicode's White_Space property, as Oniguruma (Hugging Face) and
// tiktoken's Rust regex do; JavaScript's \s differs on two characters (it omits U+0085 NEXT LINE
// and adds U+FEFF BYTE ORDER MARK), so the patterns here never use \s and spell the class out.
// Patterns are written so that JavaScript ('u' flag) and Oniguruma read them the same way: the
// whitespace characters appear literally, not as escapes.

/** Unicode White_Space, literally: tab, LF, VT, FF, CR, space, NEL, NBSP, ogham, U+2000–U+200A, LS, PS, NNBSP, MMSP, ideographic. */
export const WHITE_SPACE = '\t\n\u000b\u000c\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000';

/**
 * GPT-2's pre-tokenization pattern (r50k_base), with \s and \S replaced by White_Space and its
 * complement: contractions, optional space + letters, optional space + digits, optional space +
 * other symbols, whitespace not followed by a non-space, whitespace.
 */
export const GPT2_PATTERN =
  `'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^${WHITE_SPACE}\\p{L}\\p{N}]+` +
  `|[${WHITE_SPACE}]+(?![^${WHITE_SPACE}])|[${WHITE_SPACE}]+`;

/** The char kind's pattern: any one code point. */
export const CHAR_PATTERN = '[\\s\\S]';

/**
 * The word kind's pattern: runs of letters, marks and digits ("running", "1599", "naïve"), runs of
 * whitespace, and every other character on its own (punctuation, symbols, emoji).
 */
export const WORD_PATTERN = `[\\p{L}\\p{M}\\p{N}]+|[${WHITE_SPACE}]+|[^${WHITE_SPACE}\\p{L}\\p{M}\\p{N}]`;

/** Compiles a pattern for splitting (global, Unicode code points). */
export function compilePattern(pattern: string): RegExp {
  return new RegExp(pattern, 'gu');
}

/**
 * Calls `fn` on every piece of `text`: every match of `re`, and every stretch between matches
 * (Hugging Face's "Isolated" split behaviour). The pieces, in order, make up `text`.
 */
export function forEachPiece(text: string, re: RegExp, fn: (piece: string) => void): void {
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const piece = m[0];
    if (piece === '') {
      re.lastIndex++; // an empty match would loop forever; it adds no piece
      continue;
    }
    if (m.index > last) fn(text.slice(last, m.index));
    fn(piece);
    last = m.index + piece.length;
  }
  if (last < text.length) fn(text.slice(last));
}

/** The pieces of `text` as an array (see forEachPiece). */
export function splitIsolated(text: string, re: RegExp): string[] {
  const out: string[] = [];
  forEachPiece(text, re, (p) => out.push(p));
  return out;
}

/**
 * A pattern from a file, with \s and \S made to mean Unicode White_Space (as in Oniguruma and
 * Rust's regex) rather than JavaScript's definition. Inside a character class, \s becomes the
 * listed characters; \S inside a class is left alone (no pattern in use needs it).
 */
export function withUnicodeWhitespace(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      const e = pattern[++i];
      if (e === 's') out += inClass ? WHITE_SPACE : `[${WHITE_SPACE}]`;
      else if (e === 'S' && !inClass) out += `[^${WHITE_SPACE}]`;
      else out += c + e;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return out;
}
