// Text measurements shared by the quality filters: words the way NLTK's word_tokenize roughly
// splits them (letters and digits with inner apostrophes, hyphens and periods kept together;
// every punctuation mark its own token, runs of one mark such as "..." or "--" one token), lines,
// paragraphs and a sentence count. It does not reproduce Treebank's splitting of contractions
// ("don't" stays one word), which moves word counts by well under 1 % on English prose.

const WORD = /([\p{L}\p{N}\p{M}]+(?:['’\-.][\p{L}\p{N}\p{M}]+)*)|([^\s\p{L}\p{N}\p{M}])\2*/gu;
const HAS_LETTER = /\p{L}/u;
const HAS_NON_PUNCT = /[\p{L}\p{N}\p{M}]/u;

export function wordTokens(text: string): string[] {
  return text.match(WORD) ?? [];
}

const isAsciiLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;
const isAsciiDigit = (c: number) => c >= 48 && c <= 57;

/** A word that contains a letter (Python's any(c.isalpha())); ASCII is checked without a regex. */
export function hasLetter(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 128) return HAS_LETTER.test(word);
    if (isAsciiLetter(c)) return true;
  }
  return false;
}

/** A token made only of punctuation and symbols. */
export function isSymbolToken(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 128) return !HAS_NON_PUNCT.test(word);
    if (isAsciiLetter(c) || isAsciiDigit(c)) return false;
  }
  return true;
}

/** JavaScript's \s, as character codes. */
export function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    (c >= 0x80 &&
      (c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff))
  );
}

/** Whitespace-separated words of a line (Python's str.split()): how many, and the longest. */
export function splitCount(line: string): { count: number; longest: number } {
  let count = 0;
  let longest = 0;
  let run = 0;
  for (let i = 0; i <= line.length; i++) {
    if (i === line.length || isSpace(line.charCodeAt(i))) {
      if (run > 0) {
        count++;
        if (run > longest) longest = run;
      }
      run = 0;
    } else run++;
  }
  return { count, longest };
}

/** Occurrences of a substring, not overlapping (Python's str.count). */
export function countOf(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

let segmenter: Intl.Segmenter | undefined;

/** Sentences in a line by Unicode's sentence-boundary rules, counting no further than `limit`. */
export function countSentences(line: string, limit = Number.POSITIVE_INFINITY): number {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  let n = 0;
  for (const s of segmenter.segment(line)) {
    if (s.segment.trim() !== '') n++;
    if (n >= limit) break;
  }
  return n;
}

/**
 * Duplicates among items (first occurrences are not counted): how many, and how many characters
 * they hold. The measure behind Gopher's duplicate-line/paragraph fractions and FineWeb's
 * character-duplication ratio.
 */
export function duplicates(items: readonly string[]): { count: number; chars: number } {
  const seen = new Set<string>();
  let count = 0;
  let chars = 0;
  for (const item of items) {
    if (seen.has(item)) {
      count++;
      chars += item.length;
    } else seen.add(item);
  }
  return { count, chars };
}

/** Integer ids for words (equal words, equal ids), so n-grams can be hashed without building strings. */
export function wordIds(words: readonly string[]): Int32Array {
  const ids = new Int32Array(words.length);
  const table = new Map<string, number>();
  for (let i = 0; i < words.length; i++) {
    let id = table.get(words[i]);
    if (id === undefined) {
      id = table.size;
      table.set(words[i], id);
    }
    ids[i] = id;
  }
  return ids;
}
