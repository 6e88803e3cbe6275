// The Data page in headless Chromium: curation runs in the worker on the built-in Brown corpus
// with injected noise (the funnel, the reasons, removed examples with value and threshold), on
// dropped files with problems (reported with file and line), on a dropped WARC.gz and parquet
// file (made here with the libraries' own writers: the funnel shows the URL filter, main-content
// extraction and language stages with an example each), and a stats.json loads as is.

import { join } from 'node:path';
import { crawlSample, STAGES } from '@glassbox/model/data';
import { loadBrownCorpus } from '@glassbox/model/node';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS_DIR, type Served, serveAndLaunch } from './browser.js';

describe('data page (headless Chromium)', () => {
  let app: Served;
  beforeAll(async () => {
    app = await serveAndLaunch();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('curates Brown with injected noise: funnel, reasons and examples', async () => {
    const page = await app.open('#/data');
    await page.getByRole('button', { name: 'Brown corpus + web noise' }).click();
    const funnel = page.getByTestId('funnel');
    await funnel.waitFor({ timeout: 30_000 }); // the live funnel, while it runs
    await page.getByTestId('data-summary').waitFor({ timeout: 90_000 }); // the final report
    const stages = await funnel
      .locator('li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-stage')));
    expect(stages).toEqual([...STAGES]);
    const counts = (await funnel.locator('.funnel-count strong').allTextContents()).map((t) =>
      Number(t.replace(/,/g, '')),
    );
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]);
    expect(counts[0]).toBeGreaterThan(500);
    expect(counts.at(-1)).toBeLessThan(counts[0]);
    expect(await page.getByTestId('data-summary').textContent()).toMatch(
      /^[\d,]+ documents read, [\d,]+ kept/,
    );

    const reasons = page.getByTestId('reasons');
    const names = await reasons.locator('tbody td:nth-child(2)').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['exact_duplicate', 'near_duplicate', 'lorem_ipsum']));
    await reasons.getByRole('button', { name: 'near_duplicate' }).click();
    const examples = page.getByTestId('examples');
    await examples.getByRole('heading', { name: 'near_duplicate' }).waitFor();
    expect(await examples.locator('.measure').first().textContent()).toMatch(
      /^value (1|0\.\d+) · threshold 0\.719$/,
    );
    expect(await examples.locator('header').first().textContent()).toMatch(/duplicates c[a-r]\d\d/);
    await page.screenshot({ path: join(RESULTS_DIR, 'data.png'), fullPage: true });
    expect(app.errors).toEqual([]);
  });

  it('reports bad files by name and line, and loads a stats.json', async () => {
    const page = await app.open('#/data');
    const good = [
      'The river rose quickly after three days of heavy rain in the hills.',
      'Farmers moved their cattle to higher ground before the water reached the fields.',
      'By Tuesday the old stone bridge near the mill was closed to all traffic.',
      'Volunteers filled sandbags outside the school while children watched from the windows.',
      'The mayor said that the town would repair the damaged roads before winter.',
      'Most families returned home within a week, and the market opened again on Saturday.',
    ].join('\n');
    await page.getByTestId('data-files').setInputFiles([
      {
        name: 'docs.jsonl',
        mimeType: 'application/json',
        buffer: Buffer.from(`${JSON.stringify({ text: good })}\n{oops\n`),
      },
      { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
    ]);
    await page.getByTestId('data-summary').waitFor({ timeout: 60_000 });
    await page.getByTestId('reasons').getByRole('button', { name: 'bad_json' }).click();
    expect(await page.getByTestId('examples').textContent()).toMatch(/docs\.jsonl:2 not valid JSON/);

    const stats = await page.getByRole('link', { name: 'Download stats.json' }).getAttribute('href');
    expect(stats).toMatch(/^blob:/);
    const json = await page.evaluate(async (href) => (await fetch(href!)).text(), stats);
    const fresh = await app.open('#/data');
    await fresh
      .getByTestId('data-files')
      .setInputFiles([{ name: 'stats.json', mimeType: 'application/json', buffer: Buffer.from(json) }]);
    await fresh.getByRole('heading', { name: 'stats.json' }).waitFor();
    expect(await fresh.getByTestId('data-summary').textContent()).toMatch(
      /^1 document read \(2 problems in the input skipped\), 1 kept \(100 %\)/,
    );
    expect(app.errors).toEqual([]);
  });

  it('curates a dropped WARC.gz and parquet file, with an example of what each stage removed', async () => {
    const brown = (await loadBrownCorpus()).slice(0, 60);
    const warc = await crawlSample(brown, { seed: 2 });
    const parquet = parquetWriteBuffer({
      columnData: [
        { name: 'text', data: brown.slice(0, 10).map((d) => d.text), type: 'STRING' },
        {
          name: 'url',
          data: brown.slice(0, 10).map((d) => `https://fineweb.example/${d.id}`),
          type: 'STRING',
        },
      ],
    });
    const page = await app.open('#/data');
    await page.getByTestId('data-files').setInputFiles([
      { name: 'crawl.warc.gz', mimeType: 'application/gzip', buffer: Buffer.from(warc) },
      { name: 'sample.parquet', mimeType: 'application/octet-stream', buffer: Buffer.from(parquet) },
    ]);
    const funnel = page.getByTestId('funnel');
    await page.getByTestId('data-summary').waitFor({ timeout: 120_000 });
    const stages = await funnel
      .locator('li')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-stage')));
    expect(stages).toEqual([...STAGES]);
    // The crawl holds a blocked-domain page, a German one and exact copies: each stage shows one.
    expect(await funnel.getByTestId('example-url_filter').textContent()).toMatch(
      /casino\.example.*blocked_domain/,
    );
    expect(await funnel.getByTestId('example-language').textContent()).toMatch(
      /foreign\.example.*other_language \(de\)/,
    );
    expect(await funnel.getByTestId('example-exact_dedup').textContent()).toMatch(
      /mirror\.example.*exact_duplicate/,
    );
    expect(await page.getByTestId('data-summary').textContent()).toMatch(
      /^[\d,]+ documents read, [\d,]+ kept/,
    );
    await page.screenshot({ path: join(RESULTS_DIR, 'data-web.png'), fullPage: true });
    expect(app.errors).toEqual([]);
  });
});
