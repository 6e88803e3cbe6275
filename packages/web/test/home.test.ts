// The built app in headless Chromium: the shell renders its navigation, the worker loads the wasm
// core and the live self-check reports every kernel family in agreement.

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

  it('is cross-origin isolated, lists every page and runs the kernel self-check in the worker', async () => {
    const page = await app.open();
    const nav = page.getByRole('navigation', { name: 'pages' });
    for (const title of ['Tokens', 'Embeddings', 'Data', 'Train', 'Autocomplete', 'Loss']) {
      expect(await nav.getByRole('link', { name: title }).count()).toBe(1);
    }
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    const summary = page.getByTestId('selfcheck-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.textContent()).toMatch(/^All 9 kernel families agree/);
    const statuses = await page.getByTestId('selfcheck').locator('tbody td:last-child').allTextContents();
    expect(statuses).toEqual(new Array(9).fill('ok'));
    await page.screenshot({ path: join(RESULTS_DIR, 'home.png'), fullPage: true });
    expect(app.errors).toEqual([]);
  });

  it('navigates to a page by its link and back', async () => {
    const page = await app.open();
    await page.getByRole('link', { name: 'Loss' }).click();
    await page.getByRole('heading', { name: 'Loss' }).waitFor();
    expect(page.url()).toMatch(/#\/loss$/);
    await page.getByRole('link', { name: 'Home' }).click();
    await page.getByRole('heading', { name: 'glassbox' }).waitFor();
    expect(app.errors).toEqual([]);
  });
});
