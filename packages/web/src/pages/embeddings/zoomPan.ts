// Wheel to zoom (about the pointer) and drag to pan for a Chart.js chart with linear x and y
// scales, by setting the scales' min and max. A few lines of event handling in place of a zoom
// plugin (chartjs-plugin-zoom pulls in the CommonJS hammerjs, which would split a runtime chunk
// out of the app's entry). Does not handle: pinch gestures, zoom limits, keyboard zoom.

import type { Chart } from 'chart.js';

type Range = { min: number; max: number };
type Bounds = { min: number | undefined; max: number | undefined };

function range(chart: Chart, axis: 'x' | 'y'): Range {
  const s = chart.scales[axis];
  return { min: s.min, max: s.max };
}

function setRange(chart: Chart, axis: 'x' | 'y', r: Bounds): void {
  const opts = chart.options.scales?.[axis];
  if (!opts) return;
  opts.min = r.min;
  opts.max = r.max;
}

/** Attaches the handlers; returns a function that removes them. */
export function attachZoomPan(chart: Chart, canvas: HTMLCanvasElement): () => void {
  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    const factor = Math.exp(e.deltaY * 0.0015); // > 1 zooms out
    for (const axis of ['x', 'y'] as const) {
      const scale = chart.scales[axis];
      const at = scale.getValueForPixel(axis === 'x' ? e.offsetX : e.offsetY) ?? 0;
      const r = range(chart, axis);
      setRange(chart, axis, { min: at - (at - r.min) * factor, max: at + (r.max - at) * factor });
    }
    chart.update('none');
  };
  let drag: { x: number; y: number; rx: Range; ry: Range } | undefined;
  const onDown = (e: PointerEvent) => {
    drag = { x: e.offsetX, y: e.offsetY, rx: range(chart, 'x'), ry: range(chart, 'y') };
  };
  const onMove = (e: PointerEvent) => {
    if (!drag || e.buttons === 0) return;
    const { x, y } = chart.scales;
    const dx = ((e.offsetX - drag.x) / (x.right - x.left)) * (drag.rx.max - drag.rx.min);
    const dy = ((e.offsetY - drag.y) / (y.bottom - y.top)) * (drag.ry.max - drag.ry.min);
    setRange(chart, 'x', { min: drag.rx.min - dx, max: drag.rx.max - dx });
    setRange(chart, 'y', { min: drag.ry.min + dy, max: drag.ry.max + dy });
    chart.update('none');
  };
  const onUp = () => {
    drag = undefined;
  };
  canvas.addEventListener('wheel', onWheel, { passive: false });
  canvas.addEventListener('pointerdown', onDown);
  canvas.addEventListener('pointermove', onMove);
  window.addEventListener('pointerup', onUp);
  return () => {
    canvas.removeEventListener('wheel', onWheel);
    canvas.removeEventListener('pointerdown', onDown);
    canvas.removeEventListener('pointermove', onMove);
    window.removeEventListener('pointerup', onUp);
  };
}

/** Back to the scales' automatic ranges. */
export function resetZoom(chart: Chart): void {
  for (const axis of ['x', 'y'] as const) setRange(chart, axis, { min: undefined, max: undefined });
  chart.update('none');
}
