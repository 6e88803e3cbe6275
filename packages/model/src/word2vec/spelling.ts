// Close spellings for an unknown word: the vocabulary words within a small edit distance
// (insertions, deletions, substitutions, and swaps of neighbouring letters), nearest first and,
// among equals, in vocabulary order (most frequent first for word2vec vocabularies).
// Does not handle: phonetic matches or case folding beyond trying the lowercase form first.

export function closeSpellings(word: string, vocabulary: readonly string[], n = 5): string[] {
  const lower = word.toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  const found: { w: string; d: number; i: number }[] = [];
  vocabulary.forEach((w, i) => {
    if (Math.abs(w.length - word.length) > limit) return;
    const d = w === lower ? 0 : editDistance(lower, w.toLowerCase(), limit);
    if (d <= limit) found.push({ w, d, i });
  });
  return found
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, n)
    .map((f) => f.w);
}

/** Optimal string alignment distance, giving up (returning limit + 1) once every path exceeds limit. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const m = a.length;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = new Array<number>(n + 1);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n];
}
