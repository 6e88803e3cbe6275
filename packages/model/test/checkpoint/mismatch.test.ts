// A checkpoint whose files disagree is refused by name, never loaded in part: more layers in
// model.safetensors than config.json's n_layer, or a tokenizer with fewer (or more) tokens than
// the model's vocab_size.

import { describe, expect, it } from 'vitest';
import { loadCheckpoint, saveCheckpoint } from '../../src/checkpoint/index.js';
import { GPT } from '../../src/gpt/index.js';
import { trainTokenizer } from '../../src/tokenizer/train.js';

const config = { vocabSize: 20, blockSize: 8, nLayer: 2, nHead: 2, nEmbd: 8 };
const enc = new TextEncoder();

describe('checkpoint files that disagree', () => {
  it('refuses more layers in model.safetensors than config.json says', async () => {
    const files = saveCheckpoint({ model: await GPT.create(config, { seed: 1 }) });
    const json = JSON.parse(new TextDecoder().decode(files['config.json']));
    const fewer = enc.encode(JSON.stringify({ ...json, n_layer: 1 }));
    await expect(loadCheckpoint({ ...files, 'config.json': fewer }, { where: 'run' })).rejects.toThrow(
      'run/model.safetensors: holds layers h.0 to h.1 (2) but config.json says n_layer 1; the files come from different models',
    );
  });

  it('refuses a tokenizer with fewer tokens than the model', async () => {
    const tokenizer = trainTokenizer({ type: 'char', texts: ['abcabc'] });
    expect(tokenizer.vocabSize).toBeLessThan(config.vocabSize);
    const files = saveCheckpoint({ model: await GPT.create(config, { seed: 1 }), tokenizer });
    await expect(loadCheckpoint(files, { where: 'run' })).rejects.toThrow(
      `run: the tokenizer has ${tokenizer.vocabSize} tokens but the model's vocab_size is 20; they come from different runs`,
    );
  });
});
