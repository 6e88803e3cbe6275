// The built app in headless Chromium: the home page is the tour's first step, the navigation shows
// the tour's steps and the workbench pages as two groups, and the About page's live self-check (the
// worker loads the wasm core) reports every kernel family in agreement.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS_DIR, type Served, serveAndLaunch } from './browser.js';

describe('home page (headless Chromium)', () => {
  let app: Served;
  beforeAll(async () => {
    app = await serveAndLaunch();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('opens on the tour and lists its steps and the workbench pages as two groups', async () => {
    const page = await app.open();
    await page.getByRole('heading', { level: 1, name: /how a language model works/ }).waitFor();
    await page.getByTestId('tour-autocomplete').waitFor();
    const nav = page.getByRole('navigation', { name: 'pages' });
    const tour = nav.getByRole('list', { name: 'Tour' }).getByRole('link');
    expect(await tour.count()).toBe(8);
    expect(await tour.first().textContent()).toBe('1. An LLM is autocomplete');
    const bench = await nav.getByRole('list', { name: 'Workbench' }).getByRole('link').allTextContents();
    expect(bench).toEqual([
      'Tokens',
      'Embeddings',
      'Data',
      'Train',
      'Autocomplete',
      'Loss',
      'Inside',
      'Fine-tune',
      'About',
    ]);
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    expect(app.errors).toEqual([]);
  });

  it('runs the kernel self-check in the worker on the About page', async () => {
    const page = await app.open('#/about');
    const summary = page.getByTestId('selfcheck-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.textContent()).toMatch(/^All 9 kernel families agree/);
    const statuses = await page.getByTestId('selfcheck').locator('tbody td:last-child').allTextContents();
    expect(statuses).toEqual(new Array(9).fill('ok'));
    await page.screenshot({ path: join(RESULTS_DIR, 'about.png'), fullPage: true });
    expect(app.errors).toEqual([]);
  });

  it('navigates to a page by its link and back', async () => {
    const page = await app.open();
    await page.getByRole('link', { name: 'Loss', exact: true }).click();
    await page.getByRole('heading', { name: 'Loss' }).waitFor();
    expect(page.url()).toMatch(/#\/loss$/);
    await page.getByRole('link', { name: 'glassbox', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /how a language model works/ }).waitFor();
    expect(app.errors).toEqual([]);
  });
});
