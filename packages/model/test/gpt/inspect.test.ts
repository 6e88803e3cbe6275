// inspectTokens: per-position next-token candidates, the loss of each actual token (the same
// numbers evaluation gives), and attention maps that are probability rows over the past.

import { describe, expect, it } from 'vitest';
import { GPT, inspectTokens } from '../../src/gpt/index.js';
import { Random } from '../../src/index.js';
import { evaluateTokens } from '../../src/train/evaluate.js';

const config = { vocabSize: 13, blockSize: 12, nLayer: 3, nHead: 2, nEmbd: 16 };

async function model(training: boolean): Promise<GPT> {
  const m = await GPT.create(config, { seed: 4, training });
  const rng = new Random(2);
  const w = m.params.all.data;
  for (let i = 0; i < w.length; i++) w[i] += rng.normal() * 0.3;
  return m;
}

describe('inspectTokens', () => {
  it('gives each token its loss, the top candidates after it, and attention maps', async () => {
    const m = await model(false);
    const ids = [1, 5, 2, 9, 12, 0, 3];
    const r = inspectTokens(m, ids, { topK: 4, attention: 'all' });
    expect(r.positions.map((p) => p.id)).toEqual(ids);
    expect(r.positions[0].actual).toBeUndefined();
    // The losses are evaluation's per-token losses (float32 there, float64 here).
    const ev = evaluateTokens(m, ids);
    r.positions.slice(1).forEach((p, i) => {
      expect(p.actual!.nll).toBeCloseTo(ev.perToken[i], 4);
    });
    expect(r.loss).toBeCloseTo(ev.loss, 4);
    for (const p of r.positions) {
      expect(p.next).toHaveLength(4);
      for (let i = 1; i < 4; i++) expect(p.next[i - 1].p).toBeGreaterThanOrEqual(p.next[i].p);
      for (const c of p.next) expect(c.nll).toBeCloseTo(-Math.log(c.p), 12);
    }
    // The actual token's p appears among the previous position's candidates when it is likely enough.
    r.positions.slice(1).forEach((p, t) => {
      const seen = r.positions[t].next.find((c) => c.id === p.id);
      if (seen) expect(seen.p).toBeCloseTo(p.actual!.p, 12);
    });
    // Attention: (nLayer, nHead, T, T), each row a distribution over positions 0…t.
    const T = ids.length;
    const a = r.attention!;
    expect(a.layers).toEqual([0, 1, 2]);
    expect(a.weights).toHaveLength(3 * 2 * T * T);
    for (let map = 0; map < 6; map++) {
      for (let t = 0; t < T; t++) {
        const row = a.weights.subarray((map * T + t) * T, (map * T + t + 1) * T);
        expect(row.slice(0, t + 1).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
        expect(row.slice(t + 1).every((v) => v === 0)).toBe(true);
      }
    }
    // One layer and head is that slice of all of them.
    const one = inspectTokens(m, ids, { attention: { layer: 2, head: 1 } }).attention!;
    expect([...one.weights]).toEqual([...a.weights.subarray((2 * 2 + 1) * T * T, (2 * 2 + 2) * T * T)]);
    // A training model gives the same maps.
    const trained = await model(true);
    expect([...inspectTokens(trained, ids, { attention: 'all' }).attention!.weights]).toEqual([...a.weights]);
  });

  it('says what is wrong with a request it cannot serve', async () => {
    const m = await model(false);
    expect(() => inspectTokens(m, [])).toThrow(/no tokens/);
    expect(() => inspectTokens(m, new Array(13).fill(1))).toThrow(/reads at most 12/);
    expect(() => inspectTokens(m, [1, 2], { attention: { layer: 3, head: 0 } })).toThrow(/layers 0…2/);
    expect(() => inspectTokens(m, [1, 2], { attention: { layer: 0, head: 2 } })).toThrow(/heads 0…1/);
    expect(inspectTokens(m, [4]).loss).toBeNaN();
  });
});
