// Line charts on Chart.js, the explorer's one chart library (the embedding map is a Chart.js
// scatter too): series of (x, y) points over a linear x axis, the legend showing each series'
// latest value (never a placeholder), the width following the container's. The chart is built
// once and updated in place without animation as points arrive. The container carries
// data-points (what the caller counts as drawn, e.g. the distinct steps) and data-counts (points
// per series) so tests can watch a chart update.
// Not handled: zoom and pan (the embedding map has its own), logarithmic axes.

import {
  Chart,
  type ChartDataset,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip);

export interface LineSeries {
  label: string;
  points: { x: number; y: number }[];
  colour: string;
  /** Line width in pixels (default 1). */
  width?: number;
  dash?: number[];
  /** Draw a dot at every point (evaluations); default no dots. */
  dots?: boolean;
  /** Leave the latest value out of the legend (a constant reference line names its own value). */
  noValue?: boolean;
}

export interface LineChartProps {
  series: LineSeries[];
  xLabel: string;
  yLabel: string;
  /** The accessible name of the chart. */
  label: string;
  /** What data-points reports (default: the points of all series). */
  points?: number;
  height?: number;
  yMin?: number;
  xMax?: number;
  testId?: string;
}

function datasets(series: LineSeries[]): ChartDataset<'line', { x: number; y: number }[]>[] {
  return series.map((s) => {
    const last = s.points.at(-1);
    const value = s.noValue || !last ? '' : `: ${last.y.toFixed(3)}`;
    return {
      label: `${s.label}${value}`,
      data: s.points,
      borderColor: s.colour,
      backgroundColor: s.colour,
      borderWidth: s.width ?? 1,
      borderDash: s.dash,
      pointRadius: s.dots ? 3 : 0,
      pointHitRadius: 4,
      tension: 0,
    };
  });
}

export function LineChart({
  series,
  xLabel,
  yLabel,
  label,
  points,
  height = 260,
  yMin,
  xMax,
  testId,
}: LineChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'line', { x: number; y: number }[]>>(undefined);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: 'line',
      data: { datasets: [] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        normalized: true,
        interaction: { mode: 'nearest', intersect: false },
        scales: {
          x: { type: 'linear', title: { display: true, text: xLabel } },
          y: { type: 'linear', title: { display: true, text: yLabel } },
        },
        plugins: { legend: { display: true, position: 'bottom' } },
      },
    });
    return () => {
      chart.current?.destroy();
      chart.current = undefined;
    };
  }, [xLabel, yLabel]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data.datasets = datasets(series);
    c.options.scales!.y!.min = yMin;
    c.options.scales!.x!.max = xMax;
    c.update('none');
  });

  const total = points ?? series.reduce((n, s) => n + s.points.length, 0);
  return (
    <div
      className="chart"
      role="img"
      aria-label={label}
      data-points={total}
      data-counts={series.map((s) => s.points.length).join(',')}
      data-testid={testId}
      style={{ position: 'relative', height }}
    >
      <canvas ref={canvas} />
    </div>
  );
}
