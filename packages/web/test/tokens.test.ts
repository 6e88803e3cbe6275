// The Tokens page in headless Chromium: GPT-2 ids equal to tiktoken's, hover linking a piece and
// its id, whitespace shown, the count and bytes per token, characters and words trained on the
// Brown corpus in the worker, and a BPE trained in the page with its merge log animating.

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { get_encoding } from 'tiktoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS_DIR, type Served, serveAndLaunch } from './browser.js';

const TEXT = 'Hello  world!\nThe cat sat. 😀';

async function typeText(page: Page, text: string) {
  const area = page.getByLabel('text to tokenize');
  await area.fill(text);
}

async function ids(page: Page): Promise<number[]> {
  return (await page.getByTestId('token-ids').locator('span').allTextContents()).map(Number);
}

async function waitForCount(page: Page, count: number) {
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid="token-count"]')?.textContent === String(n),
    count,
    { timeout: 60_000 },
  );
}

describe('Tokens page (headless Chromium)', () => {
  let app: Served;
  const ref = get_encoding('gpt2');
  beforeAll(async () => {
    app = await serveAndLaunch();
  });
  afterAll(async () => {
    ref.free();
    await app?.close();
  });

  it('shows GPT-2 tokens with the ids tiktoken gives, linked on hover, whitespace visible', async () => {
    const page = await app.open('#/tokens');
    await page.getByLabel('GPT-2').check();
    await typeText(page, TEXT);
    const expected = Array.from(ref.encode(TEXT));
    await waitForCount(page, expected.length);
    expect(await ids(page)).toEqual(expected);
    const bytes = Buffer.byteLength(TEXT);
    expect(await page.getByTestId('bytes-per-token').textContent()).toBe(
      (bytes / expected.length).toFixed(2),
    );
    const pieces = page.getByTestId('token-pieces').locator('.tok-piece');
    expect(await pieces.nth(1).textContent()).toBe('·'); // the first of the two spaces is a token of its own
    expect(await page.getByTestId('token-pieces').textContent()).toContain('↵');
    await pieces.nth(2).hover();
    const id = page.getByTestId('token-ids').locator('.tok-id').nth(2);
    expect(await id.getAttribute('class')).toContain('tok-hover');
    await page.screenshot({ path: join(RESULTS_DIR, 'tokens-gpt2.png'), fullPage: true });
    expect(app.errors).toEqual([]);
  });

  it('switches to characters and words built from the Brown corpus', async () => {
    const page = await app.open('#/tokens');
    await typeText(page, 'The cat sat.');
    await page.getByLabel('Characters').check();
    await waitForCount(page, 12);
    await page.getByLabel('Words').check();
    await waitForCount(page, 6); // The · cat · sat .
    expect(await page.getByTestId('token-pieces').locator('.tok-piece').allTextContents()).toEqual([
      'The',
      '·',
      'cat',
      '·',
      'sat',
      '.',
    ]);
    expect(await page.getByTestId('tokenizer-info').textContent()).toMatch(/5,000 tokens .* Brown corpus/);
    expect(app.errors).toEqual([]);
  });

  it('trains a BPE in the page and animates its merge log', async () => {
    const page = await app.open('#/tokens');
    await typeText(page, 'the theory of the thing');
    await page.getByLabel('BPE (trained here)').check();
    await page.getByLabel('vocabulary size').selectOption('500');
    await page.getByTestId('merge-current').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('tokenizer-info').textContent()).toMatch(/^500 tokens .* Brown corpus/);
    // The animation advances by itself.
    await page.waitForFunction(
      () => /^merge [1-9]/.test(document.querySelector('[data-testid="merge-step"]')?.textContent ?? ''),
      undefined,
      { timeout: 30_000 },
    );
    expect(await page.getByTestId('merge-current').textContent()).toMatch(/\+.*→/);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByLabel('merges applied').fill('0');
    expect(await page.getByTestId('merge-step').textContent()).toBe('merge 0 of 243');
    await page.screenshot({ path: join(RESULTS_DIR, 'tokens-bpe.png'), fullPage: true });
    expect(app.errors).toEqual([]);
  });
});
