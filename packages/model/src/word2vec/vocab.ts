// The word2vec vocabulary and its tables: word counts with a minimum count, ids by descending
// frequency (ties in order of first appearance, so the same corpus gives the same ids), the
// frequent-word subsampling thresholds and the noise distribution (unigram^0.75) as a Walker
// alias table — exact sampling in O(1) with two small arrays instead of a 100-million-slot table.
// Does not handle: tokenization (sentences arrive as words) or vocabulary pruning while counting.

export interface Vocabulary {
  /** Words by id, most frequent first. */
  words: string[];
  /** Occurrences of each word in the corpus. */
  counts: number[];
  index: Map<string, number>;
  /** Every token of the corpus, including those below the minimum count. */
  rawWords: number;
  /** Tokens of words in the vocabulary. */
  retainedWords: number;
}

export function buildVocabulary(sentences: Iterable<readonly string[]>, minCount: number): Vocabulary {
  const counts = new Map<string, number>(); // insertion order = first appearance
  let rawWords = 0;
  for (const sentence of sentences) {
    rawWords += sentence.length;
    for (const w of sentence) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const order = [...counts.entries()].map(([word, count], first) => ({ word, count, first }));
  const kept = order
    .filter((e) => e.count >= minCount)
    .sort((a, b) => b.count - a.count || a.first - b.first);
  return {
    words: kept.map((e) => e.word),
    counts: kept.map((e) => e.count),
    index: new Map(kept.map((e, i) => [e.word, i])),
    rawWords,
    retainedWords: kept.reduce((s, e) => s + e.count, 0),
  };
}

const U32_MAX = 0xffffffff;

/**
 * Subsampling thresholds as u32 (word2vec's and gensim's formula): a word of count c is kept
 * with probability min(1, (√(c/t) + 1)·t/c), t = sample × retained words. sample 0 keeps all.
 */
export function keepThresholds(
  counts: readonly number[],
  sample: number,
  retainedWords: number,
): Uint32Array {
  const out = new Uint32Array(counts.length).fill(U32_MAX);
  if (!(sample > 0)) return out;
  const t = sample * retainedWords;
  counts.forEach((c, i) => {
    const p = (Math.sqrt(c / t) + 1) * (t / c);
    out[i] = p >= 1 ? U32_MAX : Math.round(p * 2 ** 32);
  });
  return out;
}

/**
 * Walker/Vose alias table for weights ∝ count^power: column i is drawn uniformly, then kept when
 * a u32 draw is below prob[i], else replaced by alias[i]. Full columns get prob 0xffffffff and
 * alias i, so even the one draw in 2³² that equals the threshold lands on the right word.
 */
export function aliasTable(
  counts: readonly number[],
  power = 0.75,
): { prob: Uint32Array; alias: Int32Array; p: Float64Array } {
  const n = counts.length;
  const w = counts.map((c) => c ** power);
  const total = w.reduce((a, b) => a + b, 0);
  const p = Float64Array.from(w, (x) => x / total);
  const q = Float64Array.from(p, (x) => x * n); // mean 1
  const prob = new Uint32Array(n);
  const alias = Int32Array.from({ length: n }, (_, i) => i);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = n - 1; i >= 0; i--) (q[i] < 1 ? small : large).push(i);
  while (small.length && large.length) {
    const s = small.pop()!;
    const l = large.pop()!;
    prob[s] = Math.min(U32_MAX, Math.round(q[s] * 2 ** 32));
    alias[s] = l;
    q[l] = q[l] + q[s] - 1;
    (q[l] < 1 ? small : large).push(l);
  }
  // What is left is full up to rounding.
  for (const i of [...small, ...large]) {
    prob[i] = U32_MAX;
    alias[i] = i;
  }
  return { prob, alias, p };
}
