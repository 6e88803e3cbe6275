// C4's rules (Raffel et al. 2020, as datatrove's C4QualityFilter implements them), with FineWeb's
// setting: the terminal-punctuation rule is off (FineWeb found it removed too much), the rest on.
// Unlike the other filters this one also edits: it drops lines (a word over 1,000 characters,
// fewer than 3 words, "javascript", cookie/terms-of-use lines, and, when enabled, no terminal
// punctuation), strips Wikipedia-style citations ([1], [edit], [citation needed]) and joins the
// kept lines with single newlines. Whole documents go for "lorem ipsum", a curly bracket, or
// fewer than 5 sentences left.

import type { Rejection } from '../document.js';
import { countSentences, splitCount } from '../words.js';

export interface C4Config {
  filterNoTerminalPunct: boolean;
  minNumSentences: number;
  minWordsPerLine: number;
  maxWordLength: number;
  removeCitations: boolean;
  filterLoremIpsum: boolean;
  filterJavascript: boolean;
  filterCurlyBracket: boolean;
  filterPolicy: boolean;
}

export const C4_DEFAULTS: C4Config = {
  filterNoTerminalPunct: false,
  minNumSentences: 5,
  minWordsPerLine: 3,
  maxWordLength: 1000,
  removeCitations: true,
  filterLoremIpsum: true,
  filterJavascript: true,
  filterCurlyBracket: true,
  filterPolicy: true,
};

const CITATION = /\[\d*]|\[edit]|\[citation needed]/g;
const TERMINAL = ['.', '?', '!', '"', "'"];
const POLICY = [
  'terms of use',
  'privacy policy',
  'cookie policy',
  'uses cookies',
  'use of cookies',
  'use cookies',
];

export interface C4Result {
  /** The edited text when the document is kept. */
  text?: string;
  rejection?: Rejection;
  /** Lines dropped, by rule (e.g. c4_line_too_few_words: 12). */
  linesRemoved: Record<string, number>;
}

export function c4Filter(text: string, cfg: C4Config = C4_DEFAULTS): C4Result {
  const linesRemoved: Record<string, number> = {};
  const drop = (rule: string) => {
    linesRemoved[rule] = (linesRemoved[rule] ?? 0) + 1;
  };
  const kept: string[] = [];
  let sentences = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].trim();
    const words = splitCount(line);
    if (cfg.maxWordLength >= 0 && words.longest > cfg.maxWordLength) {
      drop('c4_line_too_long_word');
      continue;
    }
    if (cfg.removeCitations) line = line.replace(CITATION, '');
    if (cfg.filterNoTerminalPunct && (!TERMINAL.some((p) => line.endsWith(p)) || line.endsWith('...'))) {
      drop('c4_line_no_terminal_punct');
      continue;
    }
    if (words.count < cfg.minWordsPerLine) {
      if (words.count > 0) drop('c4_line_too_few_words'); // blank lines go too, uncounted
      continue;
    }
    const lower = line.toLowerCase();
    if (cfg.filterLoremIpsum && lower.includes('lorem ipsum'))
      return {
        rejection: { reason: 'lorem_ipsum', value: i + 1, threshold: 0, detail: `line ${i + 1}` },
        linesRemoved,
      };
    if (cfg.filterJavascript && lower.includes('javascript')) {
      drop('c4_line_javascript');
      continue;
    }
    if (cfg.filterCurlyBracket && line.includes('{'))
      return {
        rejection: { reason: 'curly_bracket', value: i + 1, threshold: 0, detail: `line ${i + 1}` },
        linesRemoved,
      };
    if (cfg.filterPolicy && POLICY.some((p) => lower.includes(p))) {
      drop('c4_line_policy');
      continue;
    }
    // Only whether the count reaches the minimum matters, so counting stops there.
    if (sentences < cfg.minNumSentences) sentences += countSentences(line, cfg.minNumSentences - sentences);
    kept.push(line);
  }
  if (sentences < cfg.minNumSentences)
    return {
      rejection: { reason: 'too_few_sentences', value: sentences, threshold: cfg.minNumSentences },
      linesRemoved,
    };
  return { text: kept.join('\n').trim(), linesRemoved };
}
