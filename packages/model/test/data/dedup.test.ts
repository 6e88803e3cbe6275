// Deduplication: planted near-duplicates of Brown texts (one word changed, two paragraphs swapped)
// are found and pointed at their original; distinct texts are all kept; exact copies that differ
// only in whitespace meet after normalization; MinHash's estimate tracks the true Jaccard.
import { describe, expect, it } from 'vitest';
import { shingleHashes } from '../../src/data/dedup/minhash.js';
import {
  Curator,
  lshThreshold,
  MINHASH_DEFAULTS,
  MinHashDedup,
  MinHasher,
  signatureSimilarity,
} from '../../src/data/index.js';
import { changeOneWord, swapParagraphs } from '../../src/data/noise.js';
import { Random } from '../../src/index.js';
import { loadBrownCorpus } from '../../src/node/brown.js';

const jaccard = (a: string, b: string) => {
  const x = new Set(shingleHashes(a, 5));
  const y = new Set(shingleHashes(b, 5));
  let both = 0;
  for (const h of x) if (y.has(h)) both++;
  return both / (x.size + y.size - both);
};

describe('MinHash near-duplicate detection', () => {
  it('finds planted near-duplicates and keeps 120 distinct texts', async () => {
    const docs = (await loadBrownCorpus()).slice(0, 120);
    const rng = new Random(7);
    const dedup = new MinHashDedup();
    for (const d of docs) expect(dedup.check(d.id, d.text)).toBeUndefined();
    for (const d of docs.slice(0, 20)) {
      const near = dedup.check(`${d.id}-word`, changeOneWord(d.text, rng));
      expect(near?.duplicateOf).toBe(d.id);
      expect(near!.similarity).toBeGreaterThan(0.9);
      expect(dedup.check(`${d.id}-swap`, swapParagraphs(d.text, rng))?.duplicateOf).toBe(d.id);
    }
    expect(dedup.clusters.size).toBe(20);
    expect(dedup.clusters.get(docs[0].id)).toEqual([`${docs[0].id}-word`, `${docs[0].id}-swap`]);
  });

  it('estimates Jaccard similarity within 0.1 and is seeded', async () => {
    const [a, b] = await loadBrownCorpus();
    // Half of text a's paragraphs followed by half of b's: a true Jaccard well inside (0, 1).
    const pa = a.text.split('\n\n');
    const mixed = [...pa.slice(0, pa.length / 2), ...b.text.split('\n\n').slice(0, 10)].join('\n\n');
    const truth = jaccard(a.text, mixed);
    expect(truth).toBeGreaterThan(0.2);
    expect(truth).toBeLessThan(0.8);
    const h = new MinHasher();
    expect(Math.abs(signatureSimilarity(h.signature(a.text), h.signature(mixed)) - truth)).toBeLessThan(0.1);
    expect(new MinHasher().signature(a.text)).toEqual(h.signature(a.text));
    expect(new MinHasher({ ...MINHASH_DEFAULTS, seed: 2 }).signature(a.text)).not.toEqual(
      h.signature(a.text),
    );
  });

  it('catches pairs at about the LSH threshold (0.72) half of the time', () => {
    expect(lshThreshold(MINHASH_DEFAULTS)).toBeCloseTo((1 / 14) ** (1 / 8), 12);
    expect(lshThreshold(MINHASH_DEFAULTS)).toBeCloseTo(0.719, 3);
  });
});

describe('pipeline dedup', () => {
  it('removes exact copies that differ only in whitespace, and near copies, naming the original', async () => {
    const docs = (await loadBrownCorpus()).slice(200, 230);
    const c = new Curator(['test']);
    const results = [];
    for (const d of docs) results.push(c.push({ id: d.id, text: d.text, source: 'test' }));
    const copy = docs[3].text.replace(/ /g, '  ').replace(/\n/g, '\r\n');
    results.push(c.push({ id: 'copy', text: copy, source: 'test' }));
    results.push(c.push({ id: 'near', text: docs[5].text.replace(/\bthe\b/, 'a'), source: 'test' }));
    const removed = results.flatMap((r) => (r.kind === 'removed' ? [r.removal] : []));
    const dup = removed.filter((r) => r.stage.endsWith('dedup'));
    expect(dup).toMatchObject([
      { id: 'copy', reason: 'exact_duplicate', duplicateOf: docs[3].id },
      { id: 'near', reason: 'near_duplicate', duplicateOf: docs[5].id },
    ]);
    const stats = c.stats();
    expect(stats.dedup).toMatchObject({ exactDuplicates: 1, nearDuplicates: 1, clusters: 1 });
    expect(stats.dedup.largestClusters).toEqual([{ kept: docs[5].id, removed: ['near'] }]);
  });
});
