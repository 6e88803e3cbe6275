// Training curves: the loss at every step, the evaluated train and validation losses, and the
// baseline ln(vocabulary) — the loss of a uniform guess, where every run starts. Drawn with
// LineChart (Chart.js); the x axis is the optimizer step.

import { useMemo } from 'react';
import { LineChart, type LineSeries } from './LineChart';

export interface LossChartProps {
  steps: { step: number; loss: number }[];
  evals: { step: number; train?: number; val?: number }[];
  vocabSize?: number;
  height?: number;
}

export function LossChart({ steps, evals, vocabSize, height = 260 }: LossChartProps) {
  const baseline = vocabSize ? Math.log(vocabSize) : undefined;
  const { series, xs } = useMemo(() => {
    /** (step, y) of the rows that have a y. */
    const pts = <T extends { step: number }>(rows: T[], y: (r: T) => number | undefined) =>
      rows.flatMap((r) => {
        const v = y(r);
        return v === undefined ? [] : [{ x: r.step, y: v }];
      });
    const s: LineSeries[] = [
      { label: 'train loss (step)', colour: '#9db7e0', points: pts(steps, (r) => r.loss) },
      {
        label: 'train loss (eval)',
        colour: '#1f5fbf',
        width: 2,
        dots: true,
        points: pts(evals, (r) => r.train),
      },
      { label: 'validation loss', colour: '#d1495b', width: 2, dots: true, points: pts(evals, (r) => r.val) },
    ];
    // One x per step drawn: every step, plus evaluation steps (step 0 is evaluated before training).
    const all = new Set([...steps.map((r) => r.step), ...evals.map((r) => r.step)]);
    if (baseline !== undefined && all.size > 0) {
      const lo = Math.min(...all);
      const hi = Math.max(...all);
      s.push({
        label: `ln ${vocabSize} = ${baseline.toFixed(2)} (uniform guess)`,
        colour: '#888',
        dash: [6, 4],
        noValue: true,
        points: [
          { x: lo, y: baseline },
          { x: hi, y: baseline },
        ],
      });
    }
    return {
      series: s.filter((x) => x.points.length > 0 || x.label.startsWith('train loss (step)')),
      xs: all.size,
    };
  }, [steps, evals, baseline, vocabSize]);
  return (
    <LineChart
      series={series}
      xLabel="step"
      yLabel="loss (nats)"
      label="loss curves"
      points={xs}
      height={height}
      yMin={0}
    />
  );
}
