// `--profile` as the terminal shows it: after every step one line with the step's time and its
// biggest kernel families, and at the end a table of every family's median time per step, its
// share, and its GFLOP/s (matmuls, attention) or GB/s (the memory-bound kernels). The figures come
// from the library's profiler (@glassbox/model/train: KernelProfiler, medianProfile).

import { medianProfile, type StepProfile, THREAD_WAITING } from '@glassbox/model/train';
import { fmt, formatTable } from '../ui/table.js';

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/** "step 12: 61.3 ms — matmul forward · mlp.c_fc 18 % · …" (the four biggest families). */
export function profileLine(p: StepProfile): string {
  const top = p.rows
    .slice(0, 4)
    .map((r) => `${r.family} ${Math.round(100 * r.share)} %`)
    .join(' · ');
  return `profile step ${p.step}: ${p.ms.toFixed(1)} ms — ${top}`;
}

/** The summary table over the profiled steps (the first step, which warms up, left out when there are more). */
export function profileTable(profiles: StepProfile[]): string {
  const steps = profiles.length > 1 ? profiles.slice(1) : profiles;
  const m = medianProfile(steps);
  const rows = m.rows.map((r) => [
    r.family,
    r.calls,
    fmt(r.ms),
    pct(r.share),
    r.gflops === undefined ? '—' : fmt(r.gflops),
    r.gbPerSecond === undefined ? '—' : fmt(r.gbPerSecond),
  ]);
  const lines = [
    `where a step's time goes (median of ${steps.length} step${steps.length === 1 ? '' : 's'}: ${fmt(m.ms)} ms per step)`,
    formatTable(['family', 'calls', 'ms', 'share', 'GFLOP/s', 'GB/s'], rows),
  ];
  // Only a profile on several threads has the row to explain.
  if (m.rows.some((r) => r.family === THREAD_WAITING))
    lines.push(
      `"${THREAD_WAITING}" is the calling thread waiting for the others inside kernels; the kernels' rows are their own working time.`,
    );
  return lines.join('\n');
}
