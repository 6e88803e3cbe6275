// The Embeddings page in headless Chromium: training on the toy corpus runs in the worker and
// replays the map, the map renders every word, a neighbour query answers (cat → dog), the
// analogy box and the vector table fill, UMAP re-projects, an unknown word gets suggestions,
// and a word2vec file chosen from disk replaces the vectors.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS_DIR, type Served, serveAndLaunch } from './browser.js';

describe('embeddings page (headless Chromium)', () => {
  let app: Served;
  beforeAll(async () => {
    app = await serveAndLaunch();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('trains on the toy corpus, draws the map and answers neighbour and analogy queries', async () => {
    const page = await app.open('#/embeddings');
    await page.getByRole('heading', { name: 'Embeddings' }).waitFor();
    await page.getByRole('button', { name: 'Train word2vec on the toy corpus' }).click();
    const status = page.getByTestId('embed-status');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="embed-status"]')?.textContent?.startsWith('Trained'),
      undefined,
      { timeout: 60_000 },
    );
    const text = (await status.textContent()) ?? '';
    expect(text).toMatch(
      /^Trained skipgram on the toy corpus: 108 words, 24 dimensions, loss 4\.1\d\d → [0-3]\.\d{3} per example in 12 epochs$/,
    );
    const map = page.getByTestId('embedding-map');
    expect(await map.getAttribute('data-points')).toBe('108');
    // The canvas has been drawn on: some pixels are not blank.
    const inked = await page.evaluate(() => {
      const c = document.querySelector('[data-testid="embedding-map"] canvas') as HTMLCanvasElement;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(1000);

    await page.getByLabel('search a word').fill('cat');
    await page.getByRole('button', { name: 'Find' }).click();
    const neighbours = page.getByTestId('neighbours').locator('li .word');
    await neighbours.first().waitFor();
    const near = await neighbours.allTextContents();
    expect(near[0]).toBe('dog');
    expect(near.slice(0, 5)).not.toContain('banana');
    const table = page.getByTestId('vector-table');
    expect(await table.locator('tbody tr td').first().textContent()).toBe('cat');
    expect(await table.locator('tbody tr td').nth(2).textContent()).toMatch(
      /^\[-?\d\.\d{3}(, -?\d\.\d{3}){9}, …\]$/,
    );

    await page.getByRole('button', { name: 'Answer' }).click();
    const answers = page.getByTestId('analogy-answers').locator('li .word');
    await answers.first().waitFor();
    expect(await answers.count()).toBe(5);
    expect(await answers.allTextContents()).not.toContain('king');
    await page.screenshot({ path: join(RESULTS_DIR, 'embeddings.png'), fullPage: true });

    await page.getByRole('button', { name: 'UMAP' }).click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="embed-status"]')?.textContent?.startsWith('UMAP of the 108'),
      undefined,
      { timeout: 60_000 },
    );

    await page.getByLabel('search a word').fill('bananna');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.locator('p.error').waitFor();
    expect(await page.locator('p.error').textContent()).toMatch(
      /"bananna" is not in the vocabulary .* did you mean "banana"/,
    );
    expect(app.errors).toEqual([]);
  });

  it('shows a word2vec file chosen from disk', async () => {
    const page = await app.open('#/embeddings');
    const text = '5 3\nking 1 1 0\nqueen 1 -1 0\nman 0 1 0.1\nwoman 0 -1 0.1\napple 0 0 1\n';
    await page
      .getByLabel('word2vec file')
      .setInputFiles({ name: 'tiny.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="embed-status"]')?.textContent ===
        'tiny.txt: 5 words, 3 dimensions',
      undefined,
      { timeout: 30_000 },
    );
    expect(await page.getByTestId('embedding-map').getAttribute('data-points')).toBe('5');
    await page.getByRole('button', { name: 'Answer' }).click();
    await page.getByTestId('analogy-answers').locator('li .word').first().waitFor();
    expect(await page.getByTestId('analogy-answers').locator('li .word').first().textContent()).toBe('queen');
    expect(app.errors).toEqual([]);
  });
});
