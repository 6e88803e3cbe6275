// Gopher's quality rules (Rae et al. 2021, "Scaling Language Models", appendix A), with the
// thresholds FineWeb used (datatrove's GopherQualityFilter defaults). Checks run in datatrove's
// order and the first failure names the reason. Words are data/words.ts tokens; "lines" are the
// text's lines, blank ones included (Python's splitlines).

import type { Rejection } from '../document.js';
import { countOf, hasLetter, isSymbolToken } from '../words.js';

export interface GopherQualityConfig {
  minDocWords: number;
  maxDocWords: number;
  minAvgWordLength: number;
  maxAvgWordLength: number;
  /** Both "#" per word and "..." per word. */
  maxSymbolWordRatio: number;
  maxBulletLinesRatio: number;
  maxEllipsisLinesRatio: number;
  /** Named as in datatrove: the minimum fraction of words that contain a letter. */
  maxNonAlphaWordsRatio: number;
  minStopWords: number;
  stopWords: readonly string[];
}

export const GOPHER_QUALITY_DEFAULTS: GopherQualityConfig = {
  minDocWords: 50,
  maxDocWords: 100_000,
  minAvgWordLength: 3,
  maxAvgWordLength: 10,
  maxSymbolWordRatio: 0.1,
  maxBulletLinesRatio: 0.9,
  maxEllipsisLinesRatio: 0.3,
  maxNonAlphaWordsRatio: 0.8,
  minStopWords: 2,
  stopWords: ['the', 'be', 'to', 'of', 'and', 'that', 'have', 'with'],
};

const reject = (reason: string, value: number, threshold: number): Rejection => ({
  reason,
  value,
  threshold,
});

export function gopherQuality(
  text: string,
  words: readonly string[],
  cfg: GopherQualityConfig = GOPHER_QUALITY_DEFAULTS,
): Rejection | null {
  const nWords = words.length;
  let nonSymbol = 0;
  let nonSymbolChars = 0;
  let withLetter = 0;
  let stopWords = 0;
  const stop = new Set(cfg.stopWords);
  for (const w of words) {
    if (!isSymbolToken(w)) {
      nonSymbol++;
      nonSymbolChars += w.length;
    }
    if (hasLetter(w)) withLetter++;
    if (stop.has(w)) stopWords++;
  }
  if (nonSymbol < cfg.minDocWords) return reject('gopher_short_doc', nonSymbol, cfg.minDocWords);
  if (nonSymbol > cfg.maxDocWords) return reject('gopher_long_doc', nonSymbol, cfg.maxDocWords);

  const avg = nonSymbolChars / nonSymbol;
  if (avg < cfg.minAvgWordLength) return reject('gopher_below_avg_threshold', avg, cfg.minAvgWordLength);
  if (avg > cfg.maxAvgWordLength) return reject('gopher_above_avg_threshold', avg, cfg.maxAvgWordLength);

  const hashes = countOf(text, '#') / nWords;
  if (hashes > cfg.maxSymbolWordRatio)
    return reject('gopher_too_many_hashes', hashes, cfg.maxSymbolWordRatio);
  const ellipses = (countOf(text, '...') + countOf(text, '…')) / nWords;
  if (ellipses > cfg.maxSymbolWordRatio)
    return reject('gopher_too_many_ellipsis', ellipses, cfg.maxSymbolWordRatio);

  const lines = text.split('\n');
  let bullets = 0;
  let endEllipsis = 0;
  for (const line of lines) {
    const start = line.trimStart();
    if (start.startsWith('•') || start.startsWith('-')) bullets++;
    const end = line.trimEnd();
    if (end.endsWith('...') || end.endsWith('…')) endEllipsis++;
  }
  if (bullets / lines.length > cfg.maxBulletLinesRatio)
    return reject('gopher_too_many_bullets', bullets / lines.length, cfg.maxBulletLinesRatio);
  if (endEllipsis / lines.length > cfg.maxEllipsisLinesRatio)
    return reject('gopher_too_many_end_ellipsis', endEllipsis / lines.length, cfg.maxEllipsisLinesRatio);

  if (withLetter / nWords < cfg.maxNonAlphaWordsRatio)
    return reject('gopher_below_alpha_threshold', withLetter / nWords, cfg.maxNonAlphaWordsRatio);
  if (stopWords < cfg.minStopWords) return reject('gopher_enough_stop_words', stopWords, cfg.minStopWords);
  return null;
}
