// Checkpoints through the Train page in headless Chromium: a folder written the way the CLI
// writes it loads (as files and as a zip) and the model answers on the Autocomplete page; the
// page's own Save downloads a zip that the library loads back in Node with the same weights and
// that `glassbox train --resume` continues;
// and bad input — a picture, a checkpoint whose tokenizer has more tokens than the model, one
// without tokenizer.json — gets a specific message.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCheckpoint } from '@glassbox/model/checkpoint';
import { InferenceSession, softmax } from '@glassbox/model/gpt';
import { writeCheckpointDir } from '@glassbox/model/node';
import { unzipSync, zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadBytes, type Served, serveAndLaunch } from './browser.js';
import { CLI_TEXT, type CliRun, mismatchedTokenizer, writeCliCheckpoint } from './cli-checkpoint.js';
import { navTo, shot, trainTiny, waitForRun } from './helpers.js';

const CLI_MAIN = new URL('../../cli/dist/main.js', import.meta.url).pathname;

describe('checkpoints on the Train page (headless Chromium)', () => {
  let app: Served;
  let cli: CliRun;
  beforeAll(async () => {
    [app, cli] = await Promise.all([serveAndLaunch(), writeCliCheckpoint()]);
  });
  afterAll(async () => {
    await app?.close();
  });

  const drop = (page: Page, files: { name: string; buffer: Buffer }[]) =>
    page
      .getByTestId('checkpoint-drop-files')
      .setInputFiles(files.map((f) => ({ ...f, mimeType: 'application/octet-stream' })));

  it('loads the checkpoint folder the CLI wrote, and autocompletes with it', async () => {
    const page = await app.open('#/train');
    const names = readdirSync(cli.checkpoint);
    // The whole folder, as a learner would pick it (the atomic writer's .complete marker included).
    expect(names.sort()).toEqual(
      [
        '.complete',
        'config.json',
        'generation_config.json',
        'tokenizer_config.json',
        'model.safetensors',
        'optimizer.safetensors',
        'tokenizer.json',
        'trainer.json',
      ].sort(),
    );
    await drop(
      page,
      names.map((name) => ({ name, buffer: readFileSync(join(cli.checkpoint, name)) })),
    );
    const summary = page.getByTestId('model-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(
      new RegExp(`1 layers, 2 heads, 16 wide, block 16, vocabulary ${cli.vocabSize} \\(char tokens\\)`),
    );
    // It has trainer.json and optimizer moments: it can continue (on the text chosen on the page).
    await waitForRun(page, 'paused', 3);
    expect(await page.getByRole('button', { name: 'Resume' }).isEnabled()).toBe(true);
    await shot(page, 'checkpoint-cli-loaded');

    // Continue the CLI's run on its own text: from step 3 to its maxSteps (50), optimizer restored.
    await page.getByLabel('Your own text').check();
    await page.getByLabel('training text').fill(CLI_TEXT);
    await page.getByRole('button', { name: 'Resume' }).click();
    await waitForRun(page, 'finished', 50);
    expect(await page.getByTestId('train-error').count()).toBe(0);

    await navTo(page, 'Autocomplete');
    await page.getByLabel('prompt').fill('it was the ');
    const rows = page.getByTestId('candidates').locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(10);
    expect(app.errors).toEqual([]);
  });

  it('loads the same checkpoint from a zip of the run folder', async () => {
    const page = await app.open('#/train');
    const entries = Object.fromEntries(
      Object.entries(cli.files).map(([name, bytes]) => [`run/checkpoint/${name}`, bytes]),
    );
    const zip = Buffer.from(zipSync({ ...entries, 'run/metrics.jsonl': new TextEncoder().encode('{}\n') }));
    await drop(page, [{ name: 'run.zip', buffer: zip }]);
    await page.getByTestId('model-summary').waitFor();
    expect(await page.getByTestId('model-summary').textContent()).toMatch(/vocabulary \d+ \(char tokens\)/);
    expect(await page.getByTestId('checkpoint-error').count()).toBe(0);
    expect(app.errors).toEqual([]);
  });

  it('saves a checkpoint zip that the library loads back with the same weights', async () => {
    const page = await app.open('#/train');
    await trainTiny(page, 20);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save checkpoint (.zip)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('glassbox-toy-step20.zip');
    const zip = unzipSync(await downloadBytes(download));
    expect(Object.keys(zip).sort()).toEqual(
      [
        'config.json',
        'generation_config.json',
        'model.safetensors',
        'optimizer.safetensors',
        'tokenizer.json',
        'tokenizer_config.json',
        'trainer.json',
      ]
        .map((n) => `checkpoint/${n}`)
        .sort(),
    );
    const files = Object.fromEntries(Object.entries(zip).map(([k, v]) => [k.replace('checkpoint/', ''), v]));
    const loaded = await loadCheckpoint(files, { kernels: undefined });
    expect(loaded.config).toMatchObject({ nLayer: 2, nHead: 2, nEmbd: 32, blockSize: 32 });
    expect(loaded.tokenizer?.kind).toBe('word');
    expect(loaded.trainer?.step).toBe(20);
    expect(loaded.trainer?.run).toEqual({
      kind: 'pretrain',
      corpus: { kind: 'toy' },
      tokenizer: 'word:4096',
      valFraction: 0.1,
      checkpointInterval: 0,
      modelSeed: expect.any(Number),
    });
    // The CLI continues the page's run: same corpus (built in), same tokenizer, optimizer restored.
    const runDir = mkdtempSync(join(tmpdir(), 'glassbox-web-run-'));
    await writeCheckpointDir(join(runDir, 'checkpoint'), files);
    const cli = spawnSync(
      process.execPath,
      [CLI_MAIN, 'train', '--resume', runDir, '--max-steps', '24', '--threads', '1'],
      { encoding: 'utf8' },
    );
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toContain(`resuming ${runDir} at step 20 of 24`);
    expect(cli.stdout).toMatch(/the toy corpus \(built in\): [\d,]+ characters/);
    expect(cli.stdout).toMatch(/done: 24 steps/);
    // The page's model and the reloaded one agree on the next-token distribution.
    await navTo(page, 'Autocomplete');
    await page.getByLabel('prompt').fill('the cat ');
    const first = page.getByTestId('candidates').locator('tbody tr').first();
    await first.waitFor();
    const id = Number(await first.getAttribute('data-token-id'));
    const p = Number(await first.locator('td').nth(2).textContent());
    const session = new InferenceSession(loaded.model);
    let logits: Float32Array = new Float32Array();
    for (const t of loaded.tokenizer!.encode('the cat ')) logits = session.push(t);
    const probs = softmax(logits);
    expect(probs.indexOf(Math.max(...probs))).toBe(id);
    expect(probs[id]).toBeCloseTo(p, 3);
    expect(app.errors).toEqual([]);
  });

  it('replaces a model that is still training, and the old run reports no more', async () => {
    const page = await app.open('#/train');
    await page.getByLabel('steps').fill('5000');
    await page.getByRole('button', { name: 'Start training' }).click();
    await waitForRun(page, 'training');
    await drop(
      page,
      Object.entries(cli.files).map(([name, bytes]) => ({ name, buffer: Buffer.from(bytes) })),
    );
    await waitForRun(page, 'paused', 3);
    await page.waitForTimeout(500); // time for a late message from the stopped run, if any got through
    await waitForRun(page, 'paused', 3);
    expect(await page.getByTestId('model-summary').textContent()).toMatch(/1 layers, 2 heads, 16 wide/);
    expect(app.errors).toEqual([]);
  });

  it('says what is wrong with a file that is not a checkpoint', async () => {
    const page = await app.open('#/train');
    await drop(page, [{ name: 'holiday.png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]) }]);
    const error = page.getByTestId('checkpoint-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(
      /“holiday\.png” is not a checkpoint: expected the folder glassbox train writes/,
    );
    expect(await page.getByTestId('model-summary').count()).toBe(0);
    await shot(page, 'checkpoint-bad-file');
  });

  it('refuses a checkpoint whose tokenizer does not match the model, and one without a tokenizer', async () => {
    const page = await app.open('#/train');
    const files = mismatchedTokenizer(cli);
    await drop(
      page,
      Object.entries(files).map(([name, bytes]) => ({ name, buffer: Buffer.from(bytes) })),
    );
    const error = page.getByTestId('checkpoint-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(
      new RegExp(
        `the tokenizer has \\d+ tokens but the model's vocab_size is ${cli.vocabSize}; they come from different runs`,
      ),
    );
    const { 'tokenizer.json': _, ...noTokenizer } = cli.files;
    await drop(
      page,
      Object.entries(noTokenizer).map(([name, bytes]) => ({ name, buffer: Buffer.from(bytes) })),
    );
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="checkpoint-error"]')?.textContent?.includes('has no tokenizer'),
    );
    expect(await page.getByTestId('model-summary').count()).toBe(0);
  });
});
