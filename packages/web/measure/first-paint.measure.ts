// Measures the built app as a visitor meets it (not part of the test suite: `pnpm --filter
// @glassbox/web measure`). Serves dist/ with `vite preview`, loads pages in headless Chromium with
// the HTTP cache disabled, and reads Chromium's own paint timing: first contentful paint and
// largest contentful paint, medians over several loads. Also sums the bundle: what the first
// load fetches (index.html, the entry script and styles) and everything, raw and gzipped.
// Writes test-results/first-paint.json.

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RESULTS_DIR, type Served, serveAndLaunch } from '../test/browser.js';

const LOADS = 7;
const DIST = new URL('../dist/', import.meta.url).pathname;

let app: Served;
beforeAll(async () => {
  app = await serveAndLaunch();
});
afterAll(async () => {
  await app?.close();
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function paintTimes(path: string, heading: string): Promise<{ fcp: number; lcp: number }> {
  const page = await app.context.newPage();
  const cdp = await app.context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.goto(app.url + path);
  await page.getByRole('heading', { name: heading, exact: true }).waitFor();
  const times = await page.evaluate(
    () =>
      new Promise<{ fcp: number; lcp: number }>((resolve) => {
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve({ fcp, lcp: entries[entries.length - 1].startTime });
        }).observe({ type: 'largest-contentful-paint', buffered: true });
      }),
  );
  await page.close();
  return times;
}

function bundle() {
  const assets = join(DIST, 'assets');
  const files = readdirSync(assets).map((f) => join(assets, f));
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const initial = [join(DIST, 'index.html'), ...files.filter((f) => html.includes(f.slice(DIST.length)))];
  const size = (list: string[]) => ({
    bytes: list.reduce((a, f) => a + statSync(f).size, 0),
    gzipBytes: list.reduce((a, f) => a + gzipSync(readFileSync(f)).length, 0),
  });
  const code = files.filter((f) => /\.(js|css|wasm)$/.test(f));
  return {
    initial: size(initial),
    allCode: size(code),
    initialFiles: initial.map((f) => f.slice(DIST.length)),
  };
}

it('first meaningful paint of the built app, and the bundle size', async () => {
  const results: Record<string, unknown> = { loads: LOADS, bundle: bundle() };
  for (const [name, path, heading] of [
    ['home', '', 'glassbox'],
    ['train', '#/train', 'Train'],
  ] as const) {
    const runs: { fcp: number; lcp: number }[] = [];
    for (let i = 0; i < LOADS; i++) runs.push(await paintTimes(path, heading));
    results[name] = {
      fcpMs: Math.round(median(runs.map((r) => r.fcp))),
      lcpMs: Math.round(median(runs.map((r) => r.lcp))),
      maxLcpMs: Math.round(Math.max(...runs.map((r) => r.lcp))),
    };
  }
  console.log(JSON.stringify(results, null, 2));
  writeFileSync(join(RESULTS_DIR, 'first-paint.json'), `${JSON.stringify(results, null, 2)}\n`);
  expect(app.errors).toEqual([]);
});
