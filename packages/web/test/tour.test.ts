// The guided tour in headless Chromium, driven from the home page to the last step: it trains
// the tour's own small model in the worker (tour corpus, word tokens) without touching the Train
// page's model; every step shows its widget working; and the story's claims are checked on the
// page's own numbers — no <unk> anywhere, cat–dog closer than cat–banana on the map, the map's
// points move between two moments of training, a word2vec step on "the cat sat on the ___" makes
// "mat" likelier and turns its vector towards the context, "pond" costs more than "mat", and the
// fine-tuned copy of the tour model answers the question its base only continued. Also: readable at
// 375 px wide (screenshot, no sideways scrolling) and no serious or critical axe-core violations.

import { createRequire } from 'node:module';
import { GPT, InferenceSession, softmax } from '@glassbox/model/gpt';
import { DEFAULT_TRAIN_CONFIG, Trainer } from '@glassbox/model/train';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOUR_RUN } from '../src/pages/tour/tour-model';
import { encodeCorpus } from '../src/worker/jobs/corpus';
import { type Served, serveAndLaunch } from './browser.js';
import { navTo, recordRequests, shot, TOUR_STEP_PARTS } from './helpers.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's serious and critical violations on the page as it is now (rule id: how many nodes). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
      }
    ).axe;
    return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes}`);
}

async function noUnk(page: Page, where: string): Promise<void> {
  expect(await page.locator('main').textContent(), where).not.toContain('<unk>');
}

/** The tour model trained in Node by the same library calls: its top next tokens after a prompt. */
async function expectedTop(prompt: string, k: number): Promise<{ token: string; p: number }[]> {
  const data = await encodeCorpus(TOUR_RUN.corpus, TOUR_RUN.tokenizer);
  const model = await GPT.create(
    { ...TOUR_RUN.model, vocabSize: data.tokenizer.vocabSize },
    { seed: TOUR_RUN.modelSeed },
  );
  const trainer = new Trainer(model, data, { ...DEFAULT_TRAIN_CONFIG, ...TOUR_RUN.train });
  while (!trainer.done) trainer.trainStep();
  const session = new InferenceSession(model);
  let logits: Float32Array = new Float32Array();
  for (const id of data.tokenizer.encode(prompt)) logits = session.push(id);
  const p = softmax(logits);
  return [...p.keys()]
    .sort((a, b) => p[b] - p[a])
    .slice(0, k)
    .map((id) => ({ token: data.tokenizer.decode([id]), p: p[id] }));
}

describe('Tour (headless Chromium)', () => {
  let app: Served;
  beforeAll(async () => {
    app = await serveAndLaunch();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('walks from the home page through the eight steps, each claim on the page', async () => {
    const requests = recordRequests(app.context, new URL(app.url).origin);
    const page = await app.open();
    const status = page.getByTestId('tour-model-status');
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="tour-model-status"]')
          ?.textContent?.includes('trained 400 steps'),
      undefined,
      { timeout: 90_000 },
    );
    const val = Number(/validation loss ([\d.]+)/.exec((await status.textContent()) ?? '')?.[1]);
    expect(val).toBeLessThan(Math.log(120) - 2); // well below the uniform guess over the tour vocabulary

    // Step 1's bars come from the fully trained model, the same one the library trains in Node.
    const expected = await expectedTop('the cat sat on the ', 3);
    const rows = page.getByTestId('tour-autocomplete').getByTestId('candidates').locator('tbody tr');
    await page.waitForFunction(
      (token) => document.querySelector('[data-testid="candidates"] tbody td')?.textContent === token,
      expected[0].token,
    );
    for (const [i, e] of expected.entries()) {
      const cells = await rows.nth(i).locator('td').allTextContents();
      expect(cells[0]).toBe(e.token);
      expect(Number(cells[2])).toBeCloseTo(e.p, 3);
    }
    expect(expected[0].token).toBe('mat');

    const steps = page
      .getByRole('navigation', { name: 'pages' })
      .getByRole('list', { name: 'Tour' })
      .getByRole('link');
    expect(await steps.allTextContents()).toEqual([
      '1. An LLM is autocomplete',
      '2. Tokens and ids',
      '3. Embeddings',
      '4. Learning by predicting the missing word',
      '5. Curated data',
      '6. Loss',
      '7. The base model',
      '8. Fine-tuning',
    ]);
    for (const [i, [id, parts]] of TOUR_STEP_PARTS.entries()) {
      const step = `tour-${id}`;
      if (i > 0) await page.getByRole('button', { name: 'Next' }).click();
      for (const part of parts)
        await page.getByTestId(step).getByTestId(part).first().waitFor({ timeout: 60_000 });
      await noUnk(page, step);
      await shot(page, `tour-${i + 1}-${id}`);
    }
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    expect(page.url()).toMatch(/#\/tour\/fine-tuning$/);

    // Fine-tuning: the same question, before and after a real fine-tune of the tour model in the
    // worker; the base continues, the tuned copy gives the taught reply ("it eats fish") and stops.
    const replyOf = async (which: string) =>
      (await page
        .locator(`[data-testid="tour-finetune"] tr[data-which="${which}"]`)
        .getAttribute('data-reply')) ?? '';
    const before = await replyOf('before');
    const after = await replyOf('after');
    expect(after).not.toBe(before);
    expect(after).toMatch(/^it eats fish/);
    expect(before).not.toMatch(/^it eats/);
    expect(await page.getByTestId('tour-finetune').textContent()).toContain('(and it stops)');

    // Tokens: the learner's words with ids; "running" cut into "run" + "ning" by the BPE.
    await steps.nth(1).click();
    await page.getByTestId('token-ids').locator('.token').first().waitFor();
    const tokens = await page.getByTestId('token-ids').locator('.token').allTextContents();
    expect(tokens.length).toBe(11); // "the cat sat on the mat": 6 words, 5 spaces
    expect(tokens[0]).toMatch(/^the\d+$/);
    expect(tokens[0]).toBe(tokens[8]); // the same word, the same id
    const pieces = await page.getByTestId('bpe-split').locator('.token span').allTextContents();
    expect(pieces.join('')).toBe('the·dog·is·running,·the·cat·sat!');
    expect(pieces).not.toContain('·running');
    const run = pieces.indexOf('·run'); // the tour's BPE (trained on the tour corpus in the worker)
    expect(pieces.slice(run, run + 2)).toEqual(['·run', 'ning']);
    expect(pieces).toContain(','); // punctuation is a token of its own

    // Embeddings: on the 2-D map cat ends beside dog and away from banana; the points move.
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('map-distances').waitFor({ timeout: 60_000 });
    const slider = page.getByLabel('moment of training');
    const last = Number(await slider.getAttribute('max'));
    const distances = async (frame: number) => {
      await slider.fill(String(frame));
      await page.waitForSelector(`[data-testid="map-frame"][data-frame="${frame}"]`);
      const cell = async (pair: string) =>
        Number(await page.locator(`td[data-pair="${pair}"]`).textContent());
      return {
        catDog: await cell('cat-dog'),
        catBanana: await cell('cat-banana'),
        kingQueen: await cell('king-queen'),
        appleCar: await cell('apple-car'),
      };
    };
    const trained = await distances(last);
    expect(trained.catDog).toBeLessThan(trained.catBanana);
    expect(trained.kingQueen).toBeLessThan(trained.appleCar);
    const random = await distances(0);
    expect(random).not.toEqual(trained);
    expect(await page.locator('main').textContent()).toContain('GPT-2 uses 768');

    // The missing word: a real word2vec step on "the cat sat on the ___" makes "mat" likelier,
    // lowers its loss and turns mat's vector towards the context; the next step starts where it ended.
    await steps.nth(3).click();
    const stepTable = page.getByTestId('missing-word-step');
    await stepTable.waitFor({ timeout: 60_000 });
    const measure = async (key: string) => {
      const row = stepTable.locator(`tr[data-measure="${key}"]`);
      return {
        before: Number(await row.getAttribute('data-before')),
        after: Number(await row.getAttribute('data-after')),
      };
    };
    const checkStep = async () => {
      const p = await measure('p');
      const loss = await measure('loss');
      const cosine = await measure('cosine');
      expect(p.after).toBeGreaterThan(p.before);
      expect(loss.after).toBeLessThan(loss.before);
      expect(loss.before).toBeCloseTo(-Math.log(p.before), 6);
      expect(cosine.after).toBeGreaterThan(cosine.before);
      return p;
    };
    const first = await checkStep();
    expect(await page.getByTestId('missing-word').textContent()).toMatch(
      /every word equally likely, 1 in \d+/,
    );
    await page.getByRole('button', { name: 'One more step' }).click();
    await page.locator('[data-testid="missing-word-step"][data-step="2"]').waitFor();
    const second = await checkStep();
    expect(second.before).toBeCloseTo(first.after, 9);

    // Loss: "pond" costs more than "mat", by the tour model's own probabilities.
    await steps.nth(5).click();
    const loss = async (word: string) =>
      Number(
        await page.locator(`[data-testid="pond-or-mat"] tr[data-word="${word}"] td[data-loss]`).textContent(),
      );
    await page.getByTestId('pond-or-mat').waitFor();
    expect(await loss('pond')).toBeGreaterThan((await loss('mat')) + 1);
    expect(await page.getByTestId('worked-example').textContent()).toContain('0.22');

    // The tour never replaced the Train page's model (there is none in this page yet).
    await navTo(page, 'Autocomplete');
    await page.getByTestId('need-model').waitFor();
    expect(requests.count()).toBeGreaterThan(3);
    expect(requests.foreign()).toEqual([]); // no fonts, CDNs or anything beyond the app's server
    expect(app.errors).toEqual([]);
  });

  it('is readable at 375 px wide and has no serious accessibility violations', async () => {
    const page = await app.open();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByTestId('tour-autocomplete').waitFor();
    await page.getByTestId('candidates').waitFor({ timeout: 90_000 });
    await shot(page, 'tour-375px');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByTestId('map-distances').waitFor({ timeout: 60_000 });
    expect(await seriousViolations(page)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
