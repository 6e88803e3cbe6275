// The built app's layout, read from dist/: training code lives only in the worker's chunk (the
// page's own scripts cannot run a training step), and the entry script stays free of the chart
// and zip libraries, which load with the pages that use them.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ASSETS = new URL('../dist/assets/', import.meta.url).pathname;
const scripts = readdirSync(ASSETS).filter((f) => f.endsWith('.js'));
const read = (f: string) => readFileSync(join(ASSETS, f), 'utf8');

describe('the built bundle', () => {
  it('keeps the training loop in the worker chunk only', () => {
    const withTraining = scripts.filter((f) => read(f).includes('trainStep'));
    expect(withTraining).toHaveLength(1);
    expect(withTraining[0]).toMatch(/^glassbox\.worker-.*\.js$/);
  });

  it('loads Chart.js and fflate only with the pages that need them', () => {
    const html = readFileSync(new URL('../dist/index.html', import.meta.url), 'utf8');
    // The first load: the entry script and the chunks index.html preloads with it.
    const initial = scripts.filter((f) => html.includes(f));
    expect(initial.some((f) => /^index-.*\.js$/.test(f))).toBe(true);
    const code = initial.map(read).join('\n');
    const chartJs = 'chartjs'; // in Chart.js's own class and attribute names
    expect(code).not.toContain(chartJs);
    expect(scripts.some((f) => read(f).includes(chartJs))).toBe(true);
    expect(code).not.toContain('invalid zip data'); // fflate's error text
  });
});
