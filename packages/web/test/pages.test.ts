// Autocomplete, Loss and Inside in headless Chromium, on a tiny model trained from the "no model
// yet" notice: the bars follow the temperature slider while the model's own p stays put; picking
// and streaming add tokens; the loss summary agrees with the per-token losses shown; attention
// rows are causal and sum to 1; empty input gets a message.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Served, serveAndLaunch } from './browser.js';
import { navTo, shot } from './helpers.js';

/** The table of candidates as numbers: [token, p, −ln p, p sampled] per row. */
async function candidates(page: Page) {
  const rows = await page.getByTestId('candidates').locator('tbody tr').all();
  return Promise.all(
    rows.map(async (r) => {
      const cells = await r.locator('td').allTextContents();
      return { token: cells[0], p: Number(cells[2]), nll: Number(cells[3]), pSample: Number(cells[4]) };
    }),
  );
}

describe('Autocomplete, Loss and Inside pages (headless Chromium)', () => {
  let app: Served;
  let page: Page;
  beforeAll(async () => {
    app = await serveAndLaunch();
    page = await app.open('#/autocomplete');
    await page.getByTestId('need-model').waitFor();
    await page.getByRole('button', { name: 'Train a tiny model now' }).click();
    await page.getByTestId('candidates').waitFor({ timeout: 60_000 });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the next-token bars and their reaction to temperature', async () => {
    // Let the quick run (200 steps) finish so the distribution stops changing under the test.
    await page.waitForSelector('[data-testid="model-line"][data-step="200"]', { timeout: 60_000 });
    await page.getByLabel('prompt').fill('the dog sleeps on the ');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="sequence"]')?.textContent === 'the dog sleeps on the ',
    );
    const base = await candidates(page);
    expect(base).toHaveLength(10);
    for (const c of base) {
      expect(c.nll).toBeCloseTo(-Math.log(c.p), 1);
      expect(c.pSample).toBeCloseTo(c.p, 3); // temperature 1, no top-k/top-p: the model's own distribution
    }
    expect(base[0].p).toBeGreaterThanOrEqual(base[1].p);
    await page.getByLabel('temperature').fill('0.5');
    await page.waitForFunction(() =>
      document.querySelector('[aria-label="temperature"]')?.closest('label')?.textContent?.includes('0.50'),
    );
    const cooler = await candidates(page);
    expect(cooler.map((c) => c.p)).toEqual(base.map((c) => c.p)); // the model did not change…
    expect(cooler[0].pSample).toBeGreaterThan(base[0].pSample); // …the sampler sharpened
    await page.getByLabel('temperature').fill('0');
    const greedy = await candidates(page);
    expect(greedy[0].pSample).toBe(1);
    expect(greedy.slice(1).every((c) => c.pSample === 0)).toBe(true);
    await shot(page, 'autocomplete-greedy');
    expect(app.errors).toEqual([]);
  });

  it('picks a token by clicking it, and streams more', async () => {
    await page.getByLabel('temperature').fill('1');
    const before = await candidates(page);
    await page.getByTestId('candidates').locator('tbody tr').nth(1).click();
    await page.getByTestId('picks').waitFor();
    expect(await page.getByTestId('picks').textContent()).toContain(`p = ${before[1].p.toFixed(3)}`);
    const sequence = (await page.getByTestId('sequence').textContent()) ?? '';
    await page.getByRole('button', { name: 'Stream 60 tokens' }).click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="picks"]')?.textContent?.startsWith('61 tokens added'),
    );
    const streamed = (await page.getByTestId('sequence').textContent()) ?? '';
    expect(streamed.startsWith(sequence)).toBe(true);
    expect(streamed.length).toBeGreaterThan(sequence.length + 60); // words and spaces: more than a character each
    await shot(page, 'autocomplete-streamed');
    await page.getByLabel('prompt').fill('');
    await page.getByTestId('autocomplete-error').waitFor();
    expect(await page.getByTestId('autocomplete-error').textContent()).toMatch(/the prompt is empty/);
  });

  it('colours a validation sentence by its loss, with a consistent mean, perplexity and bits per byte', async () => {
    await navTo(page, 'Loss');
    await page.getByTestId('token-losses').waitFor();
    const sentence = await page.getByLabel('sentence', { exact: true }).inputValue();
    expect(sentence.length).toBeGreaterThan(10);
    const losses = (await page
      .locator('[data-testid="token-losses"] [data-loss]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-loss'))))) as number[];
    const tokens = await page.locator('[data-testid="token-losses"] .token').count();
    expect(losses).toHaveLength(tokens - 1); // the first token is not predicted
    const cells = await page.getByTestId('loss-summary').locator('tr td:nth-child(2)').allTextContents();
    const [mean, ppl, bpb] = cells.map(Number);
    expect(mean).toBeCloseTo(losses.reduce((a, b) => a + b, 0) / losses.length, 2);
    expect(ppl).toBeCloseTo(Math.exp(mean), 1);
    // Bits per byte count the bytes of the predicted tokens: all but the first.
    const first = (await page.locator('[data-testid="token-losses"] .token').first().textContent()) ?? '';
    const bytes = Buffer.byteLength(sentence) - Buffer.byteLength(first);
    expect(await page.getByTestId('loss-summary').textContent()).toContain(`${bytes} bytes`);
    expect(bpb).toBeCloseTo((mean * losses.length) / (Math.LN2 * bytes), 2);
    const example = (await page.getByTestId('worked-example').textContent()) ?? '';
    expect(example).toContain('−ln 0.8 = 0.22');
    expect(example).toContain('−ln 1 = 0');
    await page.getByLabel('sentence', { exact: true }).fill('');
    expect(await page.getByTestId('loss-error').count()).toBe(0);
    await page.getByLabel('sentence', { exact: true }).fill('the');
    await page.getByTestId('loss-error').waitFor();
    expect(await page.getByTestId('loss-error').textContent()).toMatch(/single token/);
    await page.getByLabel('sentence', { exact: true }).fill(sentence);
    await page.getByTestId('token-losses').waitFor();
    await shot(page, 'loss');
    expect(app.errors).toEqual([]);
  });

  it('draws causal attention maps whose rows sum to 1, per layer and head, and the token embeddings', async () => {
    await navTo(page, 'Inside');
    const map = page.getByTestId('attention-map');
    await map.waitFor();
    const rows = async () =>
      map
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.getAttribute('title') ?? '')),
        );
    for (const [layer, head] of [
      ['1', '1'],
      ['2', '2'],
    ]) {
      await page.getByLabel('layer').selectOption({ label: `${layer} of 2` });
      await page.getByLabel('head').selectOption({ label: `${head} of 2` });
      const titles = await rows();
      expect(titles.length).toBe(11); // "the cat sleeps on the sofa": 6 words, 5 spaces
      titles.forEach((row, i) => {
        const weights = row.slice(0, i + 1).map((t) => Number(t.split(': ').pop()));
        expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
        expect(row.slice(i + 1).every((t) => t === 'future: masked')).toBe(true);
      });
    }
    // The heat map takes the page's width, not a corner of it.
    const mapBox = await map.boundingBox();
    const mainBox = await page.locator('main section').first().boundingBox();
    expect(mapBox && mainBox && mapBox.width / mainBox.width).toBeGreaterThan(0.9);
    const embeddings = page.getByTestId('embeddings').locator('tbody tr');
    expect(await embeddings.count()).toBe(6); // the, cat, sleeps, on, sofa, and the space
    await shot(page, 'inside');
    expect(app.errors).toEqual([]);
  });
});
