// FineWeb's own rules (Penedo et al. 2024; datatrove's FineWebQualityFilter defaults), run after
// C4 has joined the kept lines: too few lines ending in punctuation, too many short lines, too
// many characters in repeated lines, and too many newlines per word (list-like pages).

import type { Rejection } from '../document.js';
import { countOf, duplicates, wordTokens } from '../words.js';

export interface FineWebConfig {
  /** Reject when the fraction of lines ending in . ' " ! ? is at most this. */
  linePunctThr: number;
  /** Keep documents where no line ends in punctuation (FineWeb: false, i.e. reject them). */
  linePunctExcludeZero: boolean;
  /** Reject when the fraction of lines of at most shortLineLength characters is at least this. */
  shortLineThr: number;
  shortLineLength: number;
  /** Reject when characters in repeated lines / all non-newline characters is at least this. */
  charDuplicatesRatio: number;
  /** Reject when newlines per word exceed this. */
  newLineRatio: number;
}

export const FINEWEB_QUALITY_DEFAULTS: FineWebConfig = {
  linePunctThr: 0.12,
  linePunctExcludeZero: false,
  shortLineThr: 0.67,
  shortLineLength: 30,
  charDuplicatesRatio: 0.01,
  newLineRatio: 0.3,
};

const STOP_CHARS = ['.', "'", '"', '!', '?'];

export function finewebQuality(
  text: string,
  cfg: FineWebConfig = FINEWEB_QUALITY_DEFAULTS,
  words: readonly string[] = wordTokens(text),
): Rejection | null {
  const lines = text.split('\n');
  const punct = lines.filter((l) => STOP_CHARS.some((c) => l.endsWith(c))).length / lines.length;
  if (punct <= cfg.linePunctThr && !(punct === 0 && cfg.linePunctExcludeZero))
    return { reason: 'line_punct_ratio', value: punct, threshold: cfg.linePunctThr };

  const short = lines.filter((l) => l.length <= cfg.shortLineLength).length / lines.length;
  if (short >= cfg.shortLineThr)
    return { reason: 'short_line_ratio', value: short, threshold: cfg.shortLineThr };

  const chars = text.length - countOf(text, '\n');
  const dup = chars > 0 ? duplicates(lines.filter((l) => l.trim() !== '')).chars / chars : 0;
  if (dup >= cfg.charDuplicatesRatio)
    return { reason: 'char_dup_ratio', value: dup, threshold: cfg.charDuplicatesRatio };

  const perWord = countOf(text, '\n') / Math.max(1, words.length);
  if (perWord > cfg.newLineRatio)
    return { reason: 'list_ratio', value: perWord, threshold: cfg.newLineRatio };
  return null;
}
