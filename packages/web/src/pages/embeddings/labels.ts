// A Chart.js plugin that writes words beside their points. Every point is labelled when few are
// visible; otherwise the highlighted words plus the most frequent visible ones (lowest ids come
// first in word2vec vocabularies), so zooming in reveals more names. Not a layout engine: labels
// may overlap in dense clusters.

import type { Chart, Plugin } from 'chart.js';

export interface LabelOptions {
  /** Word of each point, in dataset order. */
  words: string[];
  /** Points always labelled (selected words, neighbours, answers). */
  emphasised: Set<number>;
  /** At most this many labels besides the emphasised ones. */
  budget: number;
}

export const wordLabels: Plugin<'scatter', LabelOptions> = {
  id: 'wordLabels',
  afterDatasetsDraw(chart: Chart<'scatter'>, _args, opts: LabelOptions) {
    const meta = chart.getDatasetMeta(0);
    const area = chart.chartArea;
    if (!meta?.data.length || !opts.words) return;
    const ctx = chart.ctx;
    ctx.save();
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    let used = 0;
    meta.data.forEach((point, i) => {
      const { x, y } = point.getProps(['x', 'y'], true) as { x: number; y: number };
      if (x < area.left || x > area.right || y < area.top || y > area.bottom) return;
      const emphasised = opts.emphasised.has(i);
      if (!emphasised && used >= opts.budget) return;
      if (!emphasised) used++;
      ctx.fillStyle = emphasised ? '#111827' : '#4b5563';
      ctx.font = emphasised ? 'bold 13px system-ui, sans-serif' : '12px system-ui, sans-serif';
      ctx.fillText(opts.words[i], x + 5, y);
    });
    ctx.restore();
  },
};
