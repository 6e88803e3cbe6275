// The embedding map: a Chart.js scatter of the words (one point each), wheel to zoom and drag to
// pan (zoomPan.ts), words written beside the points (labels.ts), colours for
// the toy corpus's families and the picked word, rings for its neighbours and analogy answers.
// Clicking a point picks its word. New coordinates for the same words animate from the old
// positions (the training animation).

import {
  Chart,
  type ChartConfiguration,
  LinearScale,
  PointElement,
  ScatterController,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import { type LabelOptions, wordLabels } from './labels';
import { attachZoomPan, resetZoom } from './zoomPan';

Chart.register(ScatterController, PointElement, LinearScale, Tooltip, wordLabels);

export interface ScatterMapProps {
  words: string[];
  /** (words.length, 2) row-major. */
  coords: number[];
  /** Fill colour of each point (CSS). */
  colours: string[];
  /** Ring colour of each point, or undefined for none. */
  rings: (string | undefined)[];
  /** Indices of points to enlarge and always label. */
  emphasised: Set<number>;
  onPick(index: number): void;
  /** Milliseconds to move points to new coordinates. */
  animateMs: number;
}

export function ScatterMap({
  words,
  coords,
  colours,
  rings,
  emphasised,
  onPick,
  animateMs,
}: ScatterMapProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'scatter'>>(undefined);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!canvas.current) return;
    const config: ChartConfiguration<'scatter'> = {
      type: 'scatter',
      data: { datasets: [{ data: [], pointRadius: 3, pointHoverRadius: 6 }] },
      options: {
        maintainAspectRatio: false,
        animation: { duration: animateMs },
        scales: { x: { ticks: { display: false } }, y: { ticks: { display: false } } },
        onClick: (_event, elements) => {
          if (elements.length) pick.current(elements[0].index);
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: { label: (item) => (item.raw as { word: string }).word },
          },
        },
      },
    };
    chart.current = new Chart(canvas.current, config);
    const detach = attachZoomPan(chart.current, canvas.current);
    return () => {
      detach();
      chart.current?.destroy();
      chart.current = undefined;
    };
  }, [animateMs]);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    const sameWords = c.data.datasets[0].data.length === words.length;
    c.data.datasets[0].data = words.map((word, i) => ({ x: coords[2 * i], y: coords[2 * i + 1], word }));
    c.data.datasets[0].pointBackgroundColor = colours;
    c.data.datasets[0].pointBorderColor = rings.map((r, i) => r ?? colours[i]);
    c.data.datasets[0].pointBorderWidth = rings.map((r) => (r ? 2.5 : 1));
    c.data.datasets[0].pointRadius = words.map((_, i) => (emphasised.has(i) ? 6 : 3));
    const labels = c.options.plugins as { wordLabels?: LabelOptions };
    labels.wordLabels = { words, emphasised, budget: words.length <= 250 ? words.length : 120 };
    if (!sameWords) resetZoom(c);
    c.update(sameWords ? undefined : 'none');
  }, [words, coords, colours, rings, emphasised]);

  return (
    <div className="embedding-map" data-testid="embedding-map" data-points={words.length}>
      <canvas ref={canvas} aria-label={`map of ${words.length} words`} role="img" />
      <button type="button" className="reset-zoom" onClick={() => chart.current && resetZoom(chart.current)}>
        Reset zoom
      </button>
    </div>
  );
}
