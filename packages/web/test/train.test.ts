// The Train page in headless Chromium: a tiny model trains in the worker, pauses, resumes and
// finishes; the loss chart gains points and the loss falls below the uniform guess ln V; samples
// appear; the page stays usable meanwhile. Also the Brown corpus and the learner's own text,
// including the messages for an empty text and one too short for the block.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Served, serveAndLaunch } from './browser.js';
import { chartPoints, navTo, recordRequests, shot, waitForRun } from './helpers.js';

describe('Train page (headless Chromium)', () => {
  let app: Served;
  beforeAll(async () => {
    app = await serveAndLaunch();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('trains a tiny model: pause, resume, the chart updates and the loss falls below ln V', async () => {
    const page = await app.open('#/train');
    await page.getByLabel('The toy corpus').check();
    await page.getByLabel('model size').selectOption('tiny');
    await page.getByLabel('steps').fill('600');
    await page.getByRole('button', { name: 'Start training' }).click();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="progress"]')?.getAttribute('data-step')) >= 5,
    );
    await page.getByRole('button', { name: 'Pause' }).click();
    await waitForRun(page, 'paused');
    const pausedAt = Number(await page.getByTestId('progress').getAttribute('data-step'));
    expect(pausedAt).toBeGreaterThanOrEqual(5);
    expect(pausedAt).toBeLessThan(600);
    const pointsWhenPaused = await chartPoints(page);
    expect(pointsWhenPaused).toBeGreaterThan(0);
    await shot(page, 'train-paused');

    await page.getByRole('button', { name: 'Resume' }).click();
    await waitForRun(page, 'finished', 600, 120_000);
    // Every step plus the step-0 evaluation is a point of the chart.
    await page.waitForFunction(
      () => Number(document.querySelector('.chart')?.getAttribute('data-points')) === 601,
    );
    expect(await chartPoints(page)).toBeGreaterThan(pointsWhenPaused);
    // Where the last step's time went: the profile bar's segments cover the step, matmul among them.
    const bar = page.getByTestId('step-profile');
    expect(Number(await bar.getAttribute('data-step'))).toBe(600);
    const shares = await bar
      .locator('[data-share]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-share'))));
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
    expect(await bar.textContent()).toMatch(/matrix multiply [\d.]+ %/);

    const progress = (await page.getByTestId('progress').textContent()) ?? '';
    const vocab = Number(
      /vocabulary (\d+)/.exec((await page.getByTestId('model-summary').textContent()) ?? '')?.[1],
    );
    const loss = Number(/· loss ([\d.]+)/.exec(progress)?.[1]);
    const val = Number(/validation loss ([\d.]+)/.exec(progress)?.[1]);
    expect(progress).toMatch(/[\d,]+ tokens\/s/);
    expect(vocab).toBeGreaterThan(50); // the toy corpus's words, spaces and newline
    // The page is cross-origin isolated, so the kernels share out work to a thread per core.
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    expect(await page.getByTestId('model-summary').textContent()).toContain(
      cores > 1 ? `running on ${cores} threads` : 'running on 1 thread',
    );
    expect(loss).toBeLessThan(Math.log(vocab) - 1);
    expect(val).toBeLessThan(Math.log(vocab) - 1);
    const samples = page.getByTestId('samples').locator('li');
    expect(await samples.count()).toBeGreaterThanOrEqual(3); // before training and after evaluations
    await shot(page, 'train-finished');
    expect(app.errors).toEqual([]);
  });

  it('keeps the page usable while training: another page opens and answers meanwhile', async () => {
    const page = await app.open('#/train');
    await page.getByLabel('steps').fill('400');
    await page.getByRole('button', { name: 'Start training' }).click();
    await waitForRun(page, 'training');
    await navTo(page, 'Loss');
    await page.getByTestId('worked-example').waitFor();
    await page.getByLabel('probability').fill('0.5');
    expect(await page.getByTestId('worked-loss').textContent()).toBe((-Math.log(0.5)).toFixed(2));
    await navTo(page, 'Train');
    const step = Number(await page.getByTestId('progress').getAttribute('data-step'));
    expect(step).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Stop' }).click();
    await waitForRun(page, 'stopped');
    expect(Number(await page.getByTestId('progress').getAttribute('data-step'))).toBeLessThan(400);
    expect(app.errors).toEqual([]);
  });

  it('trains on the built-in Brown corpus with a character tokenizer, fetched from the app server itself', async () => {
    const requests = recordRequests(app.context, new URL(app.url).origin);
    const page = await app.open('#/train');
    await page.getByLabel('The Brown corpus').check();
    expect(await page.getByLabel('tokenizer').inputValue()).toBe('char');
    await page.getByLabel('model size').selectOption('tiny');
    await page.getByLabel('steps').fill('3');
    await page.getByRole('button', { name: 'Start training' }).click();
    await waitForRun(page, 'finished', 3, 90_000);
    const data = (await page.getByTestId('progress').textContent()) ?? '';
    const m =
      /the Brown corpus \(built in\): ([\d,]+) characters → ([\d,]+) tokens \(char tokenizer, vocabulary (\d+)\)/.exec(
        data,
      );
    expect(m).not.toBeNull();
    // Character level: one token per character; a few dozen distinct characters.
    expect(m![1]).toBe(m![2]);
    expect(Number(m![1].replace(/,/g, ''))).toBeGreaterThan(5_000_000);
    expect(Number(m![3])).toBeGreaterThan(60);
    expect(requests.count()).toBeGreaterThan(3);
    expect(requests.foreign()).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  it('trains on a dropped text, and says what is wrong with an empty or too short one', async () => {
    const page = await app.open('#/train');
    await page.getByLabel('Your own text').check();
    await page.getByLabel('model size').selectOption('tiny');
    await page.getByLabel('steps').fill('5');
    await page.getByRole('button', { name: 'Start training' }).click();
    const error = page.getByTestId('train-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/the text is empty/);

    await page.getByLabel('training text').fill('too short');
    await page.getByRole('button', { name: 'Start training' }).click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="train-error"]')?.textContent?.includes('fewer than one window'),
    );
    expect(await error.textContent()).toMatch(/training data has \d+ tokens, fewer than one window of 33/);

    await page.getByTestId('corpus-drop-files').setInputFiles({
      name: 'poem.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('The rain in Spain stays mainly in the plain.\n'.repeat(40)),
    });
    await page.getByText('Loaded “poem.txt”').waitFor();
    await page.getByRole('button', { name: 'Start training' }).click();
    await waitForRun(page, 'finished', 5);
    expect(await page.getByTestId('progress').textContent()).toMatch(/poem\.txt: 1,800 characters/);
    expect(await page.getByTestId('train-error').count()).toBe(0);
    await shot(page, 'train-own-text');
    expect(app.errors).toEqual([]);
  });
});
