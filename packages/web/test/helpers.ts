// Small helpers the explorer's browser tests share: wait for a training run to reach a state,
// read the loss chart's point count, and save a screenshot under test-results/.

import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { RESULTS_DIR } from './browser.js';

/** Waits until the run panel shows `status` (and `step`, when given). */
export async function waitForRun(page: Page, status: string, step?: number, timeout = 60_000): Promise<void> {
  const stepSel = step === undefined ? '' : `[data-step="${step}"]`;
  await page.waitForSelector(`[data-testid="progress"][data-status="${status}"]${stepSel}`, { timeout });
}

/** Number of x values the first loss chart on the page draws. */
export async function chartPoints(page: Page): Promise<number> {
  return Number(await page.locator('.chart[aria-label="loss curves"]').first().getAttribute('data-points'));
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`), fullPage: true });
}

/** Starts a tiny run on the Train page (toy corpus, word tokens) and waits for it to finish. */
export async function trainTiny(page: Page, steps: number): Promise<void> {
  await page.goto(`${new URL(page.url()).origin}/#/train`);
  await page.getByLabel('The toy corpus').check();
  await page.getByLabel('model size').selectOption('tiny');
  await page.getByLabel('steps').fill(String(steps));
  await page.getByRole('button', { name: 'Start training' }).click();
  await waitForRun(page, 'finished', steps);
}

/** Opens a page through the navigation bar. */
export async function navTo(page: Page, title: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'pages' })
    .getByRole('link', { name: title, exact: true })
    .click();
}

/** Records every request of the browser's pages; `foreign()` lists those not to the app's own server. */
export function recordRequests(
  context: BrowserContext,
  origin: string,
): { foreign(): string[]; count(): number } {
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  return {
    foreign: () => urls.filter((u) => !u.startsWith(origin) && !/^(blob|data):/.test(u)),
    count: () => urls.length,
  };
}

/** Each tour step (by id) and the test ids of its widget's parts, there once the step works. */
export const TOUR_STEP_PARTS: readonly [string, readonly string[]][] = [
  ['autocomplete', ['candidates']],
  ['tokens', ['token-ids', 'bpe-split']],
  ['embeddings', ['map-step', 'embedding-map']],
  ['missing-word', ['missing-word-step', 'candidates', 'samples']],
  ['data', ['curation']],
  ['loss', ['worked-example', 'pond-or-mat']],
  ['base-model', ['candidates']],
  ['fine-tuning', ['finetune-slot', 'candidates', 'tour-finetune']],
];
