// Measures how long each tour step takes from a cold page (not part of the test suite: `pnpm
// --filter @glassbox/web measure`): a new page (a new worker: the tour model is trained afresh)
// opened straight at the step's address, timed until every part of its widget is on the page —
// the same parts the tour's browser test waits for; and on step 1, until the tour's model has
// finished training. Writes test-results/tour-steps.json.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RESULTS_DIR, type Served, serveAndLaunch } from '../test/browser.js';
import { TOUR_STEP_PARTS } from '../test/helpers.js';

let app: Served;
beforeAll(async () => {
  app = await serveAndLaunch();
});
afterAll(async () => {
  await app?.close();
});

it('times every tour step from a cold page', async () => {
  const seconds: Record<string, number> = {};
  for (const [step, parts] of TOUR_STEP_PARTS) {
    const page = await app.context.newPage();
    const started = performance.now();
    await page.goto(`${app.url}#/tour/${step}`);
    for (const part of parts)
      await page.getByTestId(`tour-${step}`).getByTestId(part).first().waitFor({ timeout: 120_000 });
    seconds[step] = (performance.now() - started) / 1000;
    if (step === 'autocomplete') {
      // The bars show from the first steps on; the tour's model finishes its 400 steps later.
      await page.waitForFunction(
        () =>
          document
            .querySelector('[data-testid="tour-model-status"]')
            ?.textContent?.includes('trained 400 steps'),
        undefined,
        { timeout: 120_000 },
      );
      seconds['tour model trained'] = (performance.now() - started) / 1000;
    }
    await page.close();
  }
  writeFileSync(join(RESULTS_DIR, 'tour-steps.json'), `${JSON.stringify(seconds, null, 2)}\n`);
  console.log(seconds);
  expect(Object.keys(seconds)).toHaveLength(TOUR_STEP_PARTS.length + 1);
}, 900_000);
