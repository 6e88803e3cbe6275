import { describe, expect, it } from 'vitest';
import { selfCheck } from '../dist/index.js';

describe('selfCheck', () => {
  it('reports every kernel family within tolerance, with timings', async () => {
    const rows = await selfCheck(5);
    expect(rows.map((r) => r.kernel)).toEqual([
      'matmul NN',
      'matmul NT',
      'matmul TN',
      'softmax causal',
      'cross-entropy fwd+bwd',
      'layernorm fwd+bwd',
      'gelu fwd+bwd',
      'embedding gather+scatter',
      'adamw + clip',
    ]);
    for (const r of rows) {
      expect(r.ok, `${r.kernel}: error ${r.maxError}`).toBe(true);
      expect(r.wasmMs).toBeGreaterThanOrEqual(0);
    }
  });
});
