// The --profile table's footnote explains the thread-waiting row, and appears only with it.
import { BETWEEN_CALLS, type StepProfile, THREAD_WAITING } from '@glassbox/model/train';
import { describe, expect, it } from 'vitest';
import { profileTable } from '../src/train/profile-report.js';

const step = (n: number, waited: number): StepProfile => {
  const rows = [
    { family: 'matmul forward · mlp.c_fc', ms: 6, calls: 4, share: 0.6, gflops: 50 },
    { family: BETWEEN_CALLS, ms: 4 - waited, calls: 0, share: (4 - waited) / 10 },
  ];
  if (waited > 0) rows.push({ family: THREAD_WAITING, ms: waited, calls: 4, share: waited / 10 });
  return { step: n, ms: 10, rows };
};

describe('profileTable', () => {
  it('explains thread waiting under a table that has the row, and not under one that has none', () => {
    const threaded = profileTable([step(1, 0.5), step(2, 0.5), step(3, 0.5)]);
    expect(threaded).toMatch(/^thread waiting\s+4\s+0\.5/m);
    expect(threaded).toContain(
      '"thread waiting" is the calling thread waiting for the others inside kernels',
    );
    const single = profileTable([step(1, 0), step(2, 0)]);
    expect(single).toContain("where a step's time goes (median of 1 step: 10.0 ms per step)");
    expect(single).not.toContain('thread waiting');
  });
});
