// A React wrapper around uPlot (the chart library): builds the chart once per `options`, feeds
// it new data on every render, and follows the container's width. The container carries
// data-points (the number of x values drawn) so tests can see a chart update.
// Not handled: zoom state across option changes (a new `options` object rebuilds the chart).

import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface UPlotChartProps {
  options: Omit<uPlot.Options, 'width'>;
  data: uPlot.AlignedData;
  label: string;
}

export function UPlotChart({ options, data, label }: UPlotChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const el = box.current!;
    const u = new uPlot({ ...options, width: Math.max(200, el.clientWidth) }, latest.current, el);
    chart.current = u;
    const resize = new ResizeObserver(() =>
      u.setSize({ width: Math.max(200, el.clientWidth), height: options.height }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      chart.current = null;
    };
  }, [options]);

  useEffect(() => {
    chart.current?.setData(data);
  }, [data]);

  return <div ref={box} className="chart" role="img" aria-label={label} data-points={data[0]?.length ?? 0} />;
}
