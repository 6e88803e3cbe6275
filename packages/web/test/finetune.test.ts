// The Fine-tune page in headless Chromium, end to end on a tiny model: pretrain a base in the worker,
// choose the built-in instructions, fine-tune with LoRA while the loss curve grows, then read the
// held-out reply loss before and after and both models' answers side by side; and a base loaded
// from checkpoint files or the Train page instead; and the tour's one-click fine-tuning step.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveCheckpoint } from '@glassbox/model/checkpoint';
import { GPT } from '@glassbox/model/gpt';
import { trainChar } from '@glassbox/model/tokenizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS_DIR, type Served, serveAndLaunch } from './browser.js';
import { navTo, trainTiny } from './helpers.js';

describe('Fine-tune page (headless Chromium)', () => {
  let app: Served;
  beforeAll(async () => {
    app = await serveAndLaunch();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('pretrains a base, fine-tunes it on the built-in instructions, and compares the two', async () => {
    const page = await app.open('#/finetune');
    await page.getByRole('heading', { name: 'Fine-tune', exact: true }).waitFor();
    await page.getByLabel('pretraining steps').fill('20');
    await page.getByRole('button', { name: 'Pretrain a base model' }).click();
    const base = page.getByTestId('base-info');
    await base.waitFor({ timeout: 90_000 });
    expect(await base.textContent()).toMatch(
      /2 layers, 2 heads, 64 wide, block 64, char tokenizer .* 20 steps/,
    );

    await page.getByRole('button', { name: 'Use the built-in instructions' }).click();
    const data = page.getByTestId('data-info');
    await data.waitFor({ timeout: 30_000 });
    expect(await data.textContent()).toMatch(/2,000 conversations to learn from, 200 held out/);

    await page.getByLabel('LoRA').check();
    await page.getByLabel('rank').fill('4');
    await page.getByLabel('fine-tuning steps').fill('16');
    await page.getByLabel('evaluate every').fill('8');
    await page.getByRole('button', { name: 'Fine-tune', exact: true }).click();
    const heldOut = page.getByTestId('heldout-loss');
    await heldOut.waitFor({ timeout: 90_000 });
    const m =
      /base ([\d.]+) → fine-tuned ([\d.]+); answered exactly right: base 0.0 % → fine-tuned [\d.]+ %/.exec(
        (await heldOut.textContent()) ?? '',
      );
    expect(m, 'held-out losses shown').not.toBeNull();
    expect(Number(m![2])).toBeLessThan(Number(m![1]));
    // The curve: a training point per step, validation dots at steps 0, 8 and 16.
    const chart = page.getByTestId('finetune-loss-chart');
    expect((await chart.getAttribute('data-counts'))?.split(',')[1]).toBe('3');
    // LoRA rank 4 on 2 layers of width 64: per layer (64+192) + (64+64) + (64+256) + (256+64) = 1,024 rank-1
    // pairs, ×4 = 4,096 numbers; ×2 layers, plus the 4 new tokens' rows of 64: 8,448 (of ~100,000).
    expect(await page.getByText(/training 8,448 numbers/).count()).toBe(1);

    const table = page.getByTestId('side-by-side');
    await table.waitFor({ timeout: 60_000 });
    expect(await table.locator('tbody tr').count()).toBe(6);
    await page.getByLabel('your prompt').fill('Shout "garden".');
    await page.getByRole('button', { name: 'Ask both' }).click();
    await page.getByRole('cell', { name: 'Shout "garden".' }).waitFor({ timeout: 30_000 });
    expect(await table.locator('tbody tr').count()).toBe(7);
    await page.screenshot({ path: join(RESULTS_DIR, 'finetune.png'), fullPage: true });
    expect(app.errors).toEqual([]);
  });

  it('loads a base model from checkpoint files', async () => {
    // A tiny checkpoint as `glassbox train` writes it: config.json, model.safetensors, tokenizer.json.
    const tokenizer = trainChar({ texts: ['The cat sat on the mat. "Why?" 0123456789'] });
    const model = await GPT.create({
      vocabSize: tokenizer.vocabSize,
      blockSize: 32,
      nLayer: 1,
      nHead: 2,
      nEmbd: 16,
    });
    const dir = mkdtempSync(join(tmpdir(), 'glassbox-ft-web-'));
    const paths = Object.entries(saveCheckpoint({ model, tokenizer })).map(([name, bytes]) => {
      writeFileSync(join(dir, name), bytes);
      return join(dir, name);
    });
    const page = await app.open('#/finetune');
    // Only config.json: the page says what is missing, in place.
    await page.getByLabel('checkpoint files').setInputFiles(paths.filter((p) => p.endsWith('/config.json')));
    await page.getByText(/missing model.safetensors/).waitFor({ timeout: 30_000 });
    await page.getByLabel('checkpoint files').setInputFiles(paths);
    const base = page.getByTestId('base-info');
    await base.waitFor({ timeout: 30_000 });
    expect(await base.textContent()).toMatch(
      /1 layers, 2 heads, 16 wide, block 32, char tokenizer \(\d+ tokens\) — loaded from config.json, generation_config.json, model.safetensors, tokenizer.json, tokenizer_config.json/,
    );
    expect(app.errors).toEqual([]);
  });

  it('takes the Train page’s model as the base (a copy)', async () => {
    const page = await app.open('#/finetune');
    await page.getByRole('button', { name: 'Use the Train page’s model' }).click();
    await page.getByText(/there is no model on the Train page yet/).waitFor({ timeout: 30_000 });
    await trainTiny(page, 20);
    await navTo(page, 'Fine-tune');
    await page.getByRole('button', { name: 'Use the Train page’s model' }).click();
    const base = page.getByTestId('base-info');
    await base.waitFor({ timeout: 30_000 });
    expect(await base.textContent()).toMatch(/word tokenizer .* the Train page's model \(.*\), 20 steps/);
    expect(app.errors).toEqual([]);
  });

  it('runs the tour’s fine-tuning step: pretrains, fine-tunes and compares with one click', async () => {
    const page = await app.open('#/tour/fine-tuning');
    const step = page.getByTestId('finetune-step');
    await step.waitFor({ timeout: 60_000 });
    await step.getByRole('button', { name: 'Pretrain a tiny model, then fine-tune it' }).click();
    await step.getByTestId('side-by-side').waitFor({ timeout: 180_000 });
    const figures = (await step.getByTestId('heldout-loss').textContent()) ?? '';
    const m = /base ([\d.]+) → fine-tuned ([\d.]+)/.exec(figures);
    expect(Number(m![2])).toBeLessThan(Number(m![1]) - 1);
    expect(await step.getByTestId('side-by-side').locator('tbody tr').count()).toBe(4);
    const counts = (await step.getByTestId('finetune-loss-chart').getAttribute('data-counts')) ?? '';
    expect(Number(counts.split(',')[1])).toBeGreaterThan(2); // validation evaluations
    await page.screenshot({ path: join(RESULTS_DIR, 'finetune-tour.png'), fullPage: true });
    expect(app.errors).toEqual([]);
  });

  it('says what is missing instead of failing: no base model yet', async () => {
    const page = await app.open('#/finetune');
    await page.getByRole('heading', { name: 'Fine-tune', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Fine-tune', exact: true }).isDisabled()).toBe(true);
    expect(await page.getByText('needs a base model and instructions first').count()).toBe(1);
    expect(app.errors).toEqual([]);
  });
});
