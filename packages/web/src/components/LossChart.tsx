// Training curves: the loss at every step, the evaluated train and validation losses, and the
// baseline ln(vocabulary) — the loss of a uniform guess, where every run starts. Drawn with
// uPlot; the x axis is the optimizer step.

import { useMemo } from 'react';
import type uPlot from 'uplot';
import { UPlotChart } from './UPlotChart';

export interface LossChartProps {
  steps: { step: number; loss: number }[];
  evals: { step: number; train?: number; val?: number }[];
  vocabSize?: number;
  height?: number;
}

export function LossChart({ steps, evals, vocabSize, height = 260 }: LossChartProps) {
  const baseline = vocabSize ? Math.log(vocabSize) : undefined;
  const options = useMemo<Omit<uPlot.Options, 'width'>>(
    () => ({
      height,
      scales: {
        x: { time: false },
        y: { range: (_u, _min, max) => [0, Math.max(max, baseline ?? 0) * 1.05 || 1] },
      },
      axes: [{ label: 'step' }, { label: 'loss (nats)' }],
      series: [
        { label: 'step' },
        { label: 'train loss (step)', stroke: '#9db7e0', width: 1, spanGaps: true, points: { show: false } },
        { label: 'train loss (eval)', stroke: '#1f5fbf', width: 2, spanGaps: true },
        { label: 'validation loss', stroke: '#d1495b', width: 2, spanGaps: true },
        {
          label: baseline ? `ln ${vocabSize} = ${baseline.toFixed(2)} (uniform guess)` : 'uniform guess',
          stroke: '#888',
          dash: [6, 4],
          width: 1,
          points: { show: false },
        },
      ],
      legend: { show: true },
    }),
    [height, baseline, vocabSize],
  );
  const data = useMemo<uPlot.AlignedData>(() => {
    // One x axis for all series: every step, plus evaluation steps (step 0 is evaluated before training).
    const byStep = new Map<number, [number | null, number | null, number | null]>();
    for (const s of steps) byStep.set(s.step, [s.loss, null, null]);
    for (const e of evals) {
      const row = byStep.get(e.step) ?? [null, null, null];
      row[1] = e.train ?? null;
      row[2] = e.val ?? null;
      byStep.set(e.step, row);
    }
    const xs = [...byStep.keys()].sort((a, b) => a - b);
    return [
      xs,
      xs.map((x) => byStep.get(x)![0]),
      xs.map((x) => byStep.get(x)![1]),
      xs.map((x) => byStep.get(x)![2]),
      xs.map(() => baseline ?? null),
    ];
  }, [steps, evals, baseline]);
  return <UPlotChart options={options} data={data} label="loss curves" />;
}
