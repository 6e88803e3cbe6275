// The tour's fine-tuning step in headless Chromium: its one button pretrains a tiny model in the
// worker, fine-tunes it on the built-in instructions, and shows the curve, the held-out figures
// and both models' answers (the FinetuneStep widget with its default sizes).

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS_DIR, type Served, serveAndLaunch } from './browser.js';

describe('the tour’s fine-tuning step (headless Chromium)', () => {
  let app: Served;
  beforeAll(async () => {
    app = await serveAndLaunch();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('pretrains, fine-tunes and compares with one click', async () => {
    const page = await app.open('#/tour');
    await page.getByRole('button', { name: '7. Fine-tuning' }).click();
    const step = page.getByTestId('finetune-step');
    await step.waitFor({ timeout: 60_000 });
    await step.getByRole('button', { name: 'Pretrain a tiny model, then fine-tune it' }).click();
    await step.getByTestId('side-by-side').waitFor({ timeout: 180_000 });
    const figures = (await step.getByTestId('heldout-loss').textContent()) ?? '';
    const m = /base ([\d.]+) → fine-tuned ([\d.]+)/.exec(figures);
    expect(Number(m![2])).toBeLessThan(Number(m![1]) - 1);
    expect(await step.getByTestId('side-by-side').locator('tbody tr').count()).toBe(4);
    expect(await step.getByTestId('finetune-loss-chart').locator('circle').count()).toBeGreaterThan(2);
    await page.screenshot({ path: join(RESULTS_DIR, 'finetune-tour.png'), fullPage: true });
    expect(app.errors).toEqual([]);
  });
});
