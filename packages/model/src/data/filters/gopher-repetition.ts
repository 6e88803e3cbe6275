// Gopher's repetition rules (Rae et al. 2021, table A1) with FineWeb's thresholds (datatrove's
// GopherRepetitionFilter defaults): duplicate paragraphs and lines (as a fraction of items and of
// characters), the most frequent 2-, 3- and 4-gram's share of the characters, and the share of
// characters inside repeated 5- … 10-grams. Fractions of characters are of the whole text.
// N-grams are hashed from word ids rather than built as strings (same counts, far less garbage).

import type { Rejection } from '../document.js';
import { NgramCounter, NgramHashes } from '../ngram-table.js';
import { duplicates, wordIds } from '../words.js';

export interface GopherRepetitionConfig {
  dupLineFrac: number;
  dupParaFrac: number;
  dupLineCharFrac: number;
  dupParaCharFrac: number;
  /** [n, max fraction of characters covered by the most frequent n-gram]. */
  topNGrams: readonly (readonly [number, number])[];
  /** [n, max fraction of characters inside n-grams seen before]. */
  dupNGrams: readonly (readonly [number, number])[];
}

export const GOPHER_REPETITION_DEFAULTS: GopherRepetitionConfig = {
  dupLineFrac: 0.3,
  dupParaFrac: 0.3,
  dupLineCharFrac: 0.2,
  dupParaCharFrac: 0.2,
  topNGrams: [
    [2, 0.2],
    [3, 0.18],
    [4, 0.16],
  ],
  dupNGrams: [
    [5, 0.15],
    [6, 0.14],
    [7, 0.13],
    [8, 0.12],
    [9, 0.11],
    [10, 0.1],
  ],
};

const reject = (reason: string, value: number, threshold: number): Rejection => ({
  reason,
  value,
  threshold,
});

export function gopherRepetition(
  text: string,
  words: readonly string[],
  cfg: GopherRepetitionConfig = GOPHER_REPETITION_DEFAULTS,
): Rejection | null {
  const len = text.length;
  if (len === 0) return null;
  const paragraphs = text.trim().split(/\n{2,}/);
  const para = duplicates(paragraphs);
  if (para.count / paragraphs.length > cfg.dupParaFrac)
    return reject('dup_para_frac', para.count / paragraphs.length, cfg.dupParaFrac);
  if (para.chars / len > cfg.dupParaCharFrac)
    return reject('dup_para_char_frac', para.chars / len, cfg.dupParaCharFrac);

  const lines = text.split(/\n+/);
  const line = duplicates(lines);
  if (line.count / lines.length > cfg.dupLineFrac)
    return reject('dup_line_frac', line.count / lines.length, cfg.dupLineFrac);
  if (line.chars / len > cfg.dupLineCharFrac)
    return reject('dup_line_char_frac', line.chars / len, cfg.dupLineCharFrac);

  const W = words.length;
  const hashes = new NgramHashes(wordIds(words));
  const chars = new Int32Array(W + 1); // chars[i] = characters in words before i
  for (let i = 0; i < W; i++) chars[i + 1] = chars[i] + words[i].length;
  const slots = new Int32Array(W);

  for (const [n, frac] of cfg.topNGrams) {
    if (W < n) continue;
    // The most frequent n-gram (the first seen among equals), its characters joined by spaces.
    hashes.grow(n);
    const table = NgramCounter.empty(W);
    for (let i = 0; i + n <= W; i++) slots[i] = table.add(hashes.keyA(i), hashes.keyB(i), i);
    let best = slots[0];
    for (let i = 1; i + n <= W; i++) if (table.counts[slots[i]] > table.counts[best]) best = slots[i];
    const first = table.firsts[best];
    const share = ((chars[first + n] - chars[first] + n - 1) * table.counts[best]) / len;
    if (share > frac) return reject(`top_${n}_gram`, share, frac);
  }

  for (const [n, frac] of cfg.dupNGrams) {
    // Walk the words; an n-gram seen before counts its characters and the walk jumps past it.
    if (W < n) continue;
    hashes.grow(n);
    const table = NgramCounter.empty(W);
    let repeated = 0;
    for (let i = 0; i + n <= W; ) {
      if (table.counts[table.add(hashes.keyA(i), hashes.keyB(i), i)] > 1) {
        repeated += chars[i + n] - chars[i];
        i += n;
      } else i++;
    }
    if (repeated / len > frac) return reject(`duplicated_${n}_n_grams`, repeated / len, frac);
  }
  return null;
}
