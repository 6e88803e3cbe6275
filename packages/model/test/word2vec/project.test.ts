// Projection to 2-D and 3-D: PCA recovers the axis of largest spread with its explained variance
// and fixed signs, UMAP is seeded (same seed, same map) and keeps clusters apart.

import { describe, expect, it } from 'vitest';
import { Random } from '../../src/index.js';
import { project, projectFrames, WordVectors } from '../../src/word2vec/index.js';

/** Two tight clusters of unit vectors around +e0 and −e0 in 6-D, plus small noise. */
function clusters(n: number): WordVectors {
  const r = new Random(4);
  const words: string[] = [];
  const data: number[] = [];
  for (let i = 0; i < n; i++) {
    words.push(`w${i}`);
    const side = i < n / 2 ? 1 : -1;
    data.push(side, ...Array.from({ length: 5 }, () => 0.05 * r.normal()));
  }
  return new WordVectors(words, 6, Float32Array.from(data));
}

describe('projection', () => {
  it('PCA puts the clusters at opposite ends of the first axis, most variance first', async () => {
    const v = clusters(40);
    const p = await project(v, { method: 'pca' });
    expect(p.coords).toHaveLength(80);
    expect(p.words[0]).toBe('w0');
    const xs = p.ids.map((_, i) => p.coords[2 * i]);
    expect(Math.sign(xs[0])).toBe(-Math.sign(xs[39]));
    expect(Math.abs(xs[0])).toBeGreaterThan(0.9);
    expect(p.explained?.[0]).toBeGreaterThan(0.9);
    expect(p.explained?.[0]).toBeGreaterThan(p.explained?.[1] ?? 1);
    const again = await project(v, { method: 'pca' });
    expect(Array.from(again.coords)).toEqual(Array.from(p.coords));
    const three = await project(v, { method: 'pca', components: 3, ids: [0, 1, 2, 30, 31] });
    expect(three.coords).toHaveLength(15);
  });

  it('UMAP is the same for the same seed and separates the clusters', async () => {
    const v = clusters(30);
    const a = await project(v, { method: 'umap', seed: 7, neighbours: 5, epochs: 50 });
    const b = await project(v, { method: 'umap', seed: 7, neighbours: 5, epochs: 50 });
    expect(Array.from(a.coords)).toEqual(Array.from(b.coords));
    // Every point's nearest neighbour on the map comes from its own cluster.
    for (let i = 0; i < 30; i++) {
      let best = -1;
      let bestD = Number.POSITIVE_INFINITY;
      for (let j = 0; j < 30; j++) {
        const d = Math.hypot(a.coords[2 * i] - a.coords[2 * j], a.coords[2 * i + 1] - a.coords[2 * j + 1]);
        if (j !== i && d < bestD) [best, bestD] = [j, d];
      }
      expect(best < 15).toBe(i < 15);
    }
  });

  it('refuses impossible requests', async () => {
    const v = clusters(10);
    await expect(project(v, { components: 4 })).rejects.toThrow(/2 or 3 axes/);
    await expect(project(v, { ids: [0, 1] })).rejects.toThrow(/at least 3 words/);
    await expect(project(v, { method: 'tsne' as 'pca' })).rejects.toThrow(/choose pca or umap/);
  });
});

describe('projection of training snapshots', () => {
  it('puts every snapshot on the axes of the last one', async () => {
    const last = clusters(20);
    const first = new WordVectors(
      last.words,
      last.dim,
      last.data.map((x, i) => x * (i % 3 === 0 ? -1 : 0.5)),
    );
    const [a, b] = projectFrames([first, last]);
    // The last frame matches a plain PCA of it; the first is a different picture on the same axes.
    const alone = await project(last, { method: 'pca' });
    for (let i = 0; i < b.length; i++) expect(b[i]).toBeCloseTo(alone.coords[i], 5);
    expect(a).toHaveLength(40);
    expect(Array.from(a)).not.toEqual(Array.from(b));
    expect(projectFrames([])).toEqual([]);
  });
});
