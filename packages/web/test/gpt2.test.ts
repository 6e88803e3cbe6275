// A GPT-2 folder with GPT-2 small's exact shapes (124,439,808 parameters; random F16 weights made
// here, in the Hub's layout: unprefixed names, mask buffers, GPT-2's tokenizer, generation_config)
// dropped on the Train page in headless Chromium: the worker streams the weights from the dropped
// File, the page shows the model's size and load time, and Autocomplete, Inside and Loss run on it
// with the time per token shown; the Embeddings page maps chosen tokens of its wte; LoRA fine-tunes it for a few steps on a text.

import { mkdtempSync, rmSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubConfigJSON, hubLayoutTensors, safetensorsParts } from '@glassbox/model/checkpoint';
import { loadGpt2 } from '@glassbox/model/tokenizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Served, serveAndLaunch } from './browser.js';
import { navTo, shot } from './helpers.js';

const GPT2_SMALL = { vocabSize: 50257, blockSize: 1024, nLayer: 12, nHead: 12, nEmbd: 768 };

function weight(name: string, shape: number[]): Float32Array {
  const out = new Float32Array(shape.reduce((a, b) => a * b, 1));
  let s = 7;
  for (let i = 0; i < name.length; i++) s = Math.imul(s ^ name.charCodeAt(i), 16777619) >>> 0;
  const gain = /ln_.*weight$/.test(name);
  for (let i = 0; i < out.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = (gain ? 1 : 0) + ((s >>> 0) / 4294967296 - 0.5) * 0.1;
  }
  return out;
}

describe('a GPT-2-small-shaped folder in the explorer (headless Chromium)', () => {
  let app: Served;
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'glassbox-web-gpt2-'));
    await writeFile(join(dir, 'config.json'), JSON.stringify(hubConfigJSON(GPT2_SMALL)));
    await writeFile(
      join(dir, 'generation_config.json'),
      JSON.stringify({ bos_token_id: 50256, eos_token_id: 50256 }),
    );
    await writeFile(join(dir, 'tokenizer.json'), JSON.stringify((await loadGpt2()).toJSON()));
    const f = await open(join(dir, 'model.safetensors'), 'w');
    for (const part of safetensorsParts(hubLayoutTensors(GPT2_SMALL, weight, { dtype: 'F16' })))
      await f.write(part);
    await f.close();
    app = await serveAndLaunch();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads it from the dropped files and runs Autocomplete, Inside and Loss on it', async () => {
    const page = await app.open('#/train');
    // Paths, not buffers: the browser reads the files itself, as when a learner picks them.
    const names = ['config.json', 'generation_config.json', 'tokenizer.json', 'model.safetensors'];
    await page.getByTestId('checkpoint-drop-files').setInputFiles(names.map((n) => join(dir, n)));
    const summary = page.getByTestId('model-summary');
    await summary.waitFor({ timeout: 120_000 });
    const text = await summary.textContent();
    expect(text).toMatch(/12 layers, 12 heads, 768 wide, block 1024, vocabulary 50257 \(bpe tokens\)/);
    expect(text).toMatch(
      /124,439,808 parameters \(\s*475 MiB of float32 weights, loaded in [\d.]+ s from a 2\d\d MiB F16 file\s*\)/,
    );
    expect(await page.getByTestId('checkpoint-error').count()).toBe(0);

    await navTo(page, 'Autocomplete');
    await page.getByLabel('prompt').fill('The quick brown fox');
    const rows = page.getByTestId('candidates').locator('tbody tr');
    // The table may first show an earlier prompt's step (the page works as the text changes):
    // wait for the whole prompt's.
    await page.waitForFunction(
      () =>
        /This step: \d+ ms for 4 tokens of prompt/.test(
          document.querySelector('[data-testid="step-time"]')?.textContent ?? '',
        ),
      null,
      { timeout: 60_000 },
    );
    await rows.first().waitFor({ timeout: 60_000 });
    expect(await rows.count()).toBe(10);
    await page.getByRole('button', { name: 'Sample one token' }).click();
    await page.waitForFunction(
      () => /for one token/.test(document.querySelector('[data-testid="step-time"]')?.textContent ?? ''),
      null,
      {
        timeout: 60_000,
      },
    );
    expect(await page.getByTestId('model-line').textContent()).toMatch(
      /loaded in [\d.]+ s from a \d+ MiB F16 file/,
    );
    await shot(page, 'gpt2-autocomplete');

    await navTo(page, 'Loss');
    await page.getByLabel('sentence', { exact: true }).fill('The cat sat on the mat.');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="token-losses"] [data-loss]').length === 6,
      null,
      { timeout: 60_000 },
    );
    await navTo(page, 'Inside');
    await page.getByLabel('prompt').fill('The cat sat');
    await page.locator('[data-testid="attention-map"]').first().waitFor({ timeout: 60_000 });
    await shot(page, 'gpt2-inside');

    // Embeddings: chosen tokens of wte and their neighbours on a 2-D map.
    await navTo(page, 'Embeddings');
    await page.getByLabel('tokens to map').fill('cat, dog, banana');
    await page.getByRole('button', { name: /Map these tokens of the loaded model/ }).click();
    await page.waitForFunction(
      () =>
        /50,257 tokens of 768 dimensions/.test(
          document.querySelector('[data-testid="embed-status"]')?.textContent ?? '',
        ),
      null,
      { timeout: 120_000 },
    );
    expect(await page.getByTestId('embed-status').textContent()).toMatch(
      /3 chosen tokens and their nearest neighbours \((1[0-9]|2[01]) in all\)/,
    );
    await shot(page, 'gpt2-embeddings');

    // A few LoRA steps on a short text, with each step's loss drawn as it comes; then the merged
    // model answers on Autocomplete again.
    await navTo(page, 'Train');
    await page.getByLabel('LoRA steps').fill('3');
    await page.getByRole('button', { name: 'LoRA-fine-tune' }).click();
    await page.waitForFunction(
      () =>
        /^Done: loss [\d.]+ → [\d.]+ in 3 steps, [\d.]+ s per step/.test(
          document.querySelector('[data-testid="lora-status"]')?.textContent ?? '',
        ),
      null,
      { timeout: 180_000 },
    );
    const lora = page.getByRole('region', { name: 'Fine-tune it on your text (LoRA)' });
    expect(await lora.locator('.chart[aria-label="loss curves"]').getAttribute('data-points')).toBe('3');
    expect(await page.getByTestId('model-summary').count()).toBe(1);
    await shot(page, 'gpt2-lora');
    await navTo(page, 'Autocomplete');
    await page.getByLabel('prompt').fill('Fine-tuning nudges');
    await page.waitForFunction(
      () => /tokens of prompt/.test(document.querySelector('[data-testid="step-time"]')?.textContent ?? ''),
      null,
      { timeout: 60_000 },
    );
    expect(await page.getByTestId('model-line').textContent()).toMatch(
      /LoRA-tuned \(rank 8\) for 3 steps on your text/,
    );
    expect(app.errors).toEqual([]);
  }, 300_000);
});
