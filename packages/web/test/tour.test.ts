// The guided tour in headless Chromium: opening it trains the tour's own small model in the
// worker (toy corpus, word tokens) without touching the Train page's model; every one of the
// seven steps shows its widget working on that model; the fine-tuning step is the slot that
// shows base-model behaviour until fine-tuning lands.

import { GPT, InferenceSession, softmax } from '@glassbox/model/gpt';
import { DEFAULT_TRAIN_CONFIG, Trainer } from '@glassbox/model/train';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOUR_RUN } from '../src/pages/tour/tour-model';
import { encodeCorpus } from '../src/worker/jobs/corpus';
import { type Served, serveAndLaunch } from './browser.js';
import { navTo, recordRequests, shot } from './helpers.js';

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

  it('trains its model and walks the seven steps with live widgets', async () => {
    const requests = recordRequests(app.context, new URL(app.url).origin);
    const page = await app.open('#/tour');
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
    expect(val).toBeLessThan(Math.log(111) - 2); // well below the uniform guess over the toy vocabulary

    // Step 1's bars come from the fully trained model, the same one the library trains in Node.
    const expected = await expectedTop('the cat sleeps on the ', 3);
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

    const steps = page.getByRole('list', { name: 'tour steps' }).getByRole('button');
    expect(await steps.allTextContents()).toEqual([
      '1. An LLM is autocomplete',
      '2. Tokens and ids',
      '3. Embeddings',
      '4. Pretraining',
      '5. Loss',
      '6. The base model',
      '7. Fine-tuning',
    ]);
    const widgets: [string, string[]][] = [
      ['tour-autocomplete', ['candidates']],
      ['tour-tokens', ['token-ids']],
      ['tour-embeddings', ['similarity']],
      ['tour-pretraining', ['samples']],
      ['tour-loss', ['worked-example', 'token-losses']],
      ['tour-base-model', ['candidates']],
      // The fine-tuning slot runs the base model on a question until fine-tuning lands.
      ['tour-fine-tuning', ['finetune-slot', 'candidates']],
    ];
    for (const [i, [step, parts]] of widgets.entries()) {
      if (i > 0) await page.getByRole('button', { name: 'Next' }).click();
      for (const part of parts) await page.getByTestId(step).getByTestId(part).first().waitFor();
      await shot(page, `tour-${i + 1}-${step.replace('tour-', '')}`);
    }
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);

    // Embeddings: trained on the toy corpus, cat is closer to dog than to banana.
    await page.getByRole('button', { name: '3. Embeddings' }).click();
    await page.getByTestId('similarity').waitFor(); // the step re-reads the embeddings when shown
    const cosine = async (a: string, b: string) => {
      const table = page.getByTestId('similarity');
      const header = await table.locator('thead th').allTextContents();
      expect(header).toContain(b);
      const row = table
        .locator('tbody tr')
        .filter({ has: page.locator('th', { hasText: new RegExp(`^${a}$`) }) });
      return Number(
        await row
          .locator('td')
          .nth(header.indexOf(b) - 1)
          .textContent(),
      );
    };
    expect(await cosine('cat', 'dog')).toBeGreaterThan((await cosine('cat', 'banana')) + 0.05);
    expect(await cosine('banana', 'apple')).toBeGreaterThan((await cosine('banana', 'dog')) + 0.05);

    // Tokens: words and spaces, each with its id.
    await page.getByRole('button', { name: '2. Tokens and ids' }).click();
    await page.getByTestId('token-ids').locator('.token').first().waitFor();
    const tokens = await page.getByTestId('token-ids').locator('.token').allTextContents();
    expect(tokens.length).toBe(15); // "the dog chased the ball in the garden": 8 words, 7 spaces
    expect(tokens[0]).toMatch(/^the\d+$/);
    expect(tokens[0]).toBe(tokens[6]); // the same word, the same id

    // The tour never replaced the Train page's model (there is none in this page yet).
    await navTo(page, 'Autocomplete');
    await page.getByTestId('need-model').waitFor();
    expect(requests.count()).toBeGreaterThan(3);
    expect(requests.foreign()).toEqual([]); // no fonts, CDNs or anything beyond the app's server
    expect(app.errors).toEqual([]);
  });
});
