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
 * Cuts `text` into pieces: every match of `re`, and every stretch between matches (Hugging Face's
 * "Isolated" split behaviour). Concatenating the pieces gives back `text`.
 */
export function splitIsolated(text: string, re: RegExp): string[] {
  const out: string[] = [];
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const at = m.index;
    if (m[0] === '') {
      re.lastIndex++; // an empty match would loop forever; it adds no piece
      continue;
    }
    if (at > last) out.push(text.slice(last, at));
    out.push(m[0]);
    last = at + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
