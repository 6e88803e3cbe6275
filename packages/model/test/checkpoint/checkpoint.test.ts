// Checkpoints: Hugging Face names and config fields, a faithful round trip, and loading refused
// with a clear message when files disagree with config.json.

import { describe, expect, it } from 'vitest';
import {
  decodeSafetensors,
  encodeSafetensors,
  loadCheckpoint,
  saveCheckpoint,
} from '../../src/checkpoint/index.js';
import { GPT } from '../../src/gpt/index.js';

const config = { vocabSize: 9, blockSize: 6, nLayer: 2, nHead: 2, nEmbd: 8 };

describe('checkpoint files', () => {
  it('writes GPT2Config fields and transformers GPT2LMHeadModel tensor names', async () => {
    const files = saveCheckpoint({ model: await GPT.create(config, { seed: 1 }) });
    const json = JSON.parse(new TextDecoder().decode(files['config.json']));
    expect(json).toMatchObject({
      model_type: 'gpt2',
      vocab_size: 9,
      n_positions: 6,
      n_layer: 2,
      n_head: 2,
      n_embd: 8,
    });
    const names = [...decodeSafetensors(files['model.safetensors']).tensors.keys()];
    expect(names).toContain('transformer.wte.weight');
    expect(names).toContain('transformer.h.1.attn.c_attn.weight');
    expect(names).toContain('transformer.ln_f.bias');
    expect(names).toHaveLength(2 + 2 * 12 + 2);
  });

  it('round-trips the weights exactly and gives the same logits', async () => {
    const model = await GPT.create(config, { seed: 2 });
    const loaded = await loadCheckpoint(saveCheckpoint({ model }));
    expect(loaded.model.params.all.data).toEqual(model.params.all.data);
    const tokens = [1, 2, 3, 4, 5, 6];
    model.forward({ tokens, B: 1, T: 6 });
    loaded.model.forward({ tokens, B: 1, T: 6 });
    expect(loaded.model.activations!.logits.data).toEqual(model.activations!.logits.data);
  });

  it('also reads tensors saved without the "transformer." prefix (GPT2Model files)', async () => {
    const model = await GPT.create(config, { seed: 3 });
    const files = saveCheckpoint({ model });
    const plain = [...decodeSafetensors(files['model.safetensors']).tensors.values()].map((t) => ({
      ...t,
      name: t.name.replace(/^transformer\./, ''),
    }));
    const loaded = await loadCheckpoint({ ...files, 'model.safetensors': encodeSafetensors(plain) });
    expect(loaded.model.params.all.data).toEqual(model.params.all.data);
  });

  it('refuses missing files, missing tensors and shapes that disagree with config.json', async () => {
    const files = saveCheckpoint({ model: await GPT.create(config, { seed: 4 }) });
    await expect(loadCheckpoint({ 'config.json': files['config.json'] }, { where: 'run' })).rejects.toThrow(
      /^run: missing model.safetensors/,
    );
    const bigger = saveCheckpoint({ model: await GPT.create({ ...config, vocabSize: 10 }, { seed: 4 }) });
    await expect(
      loadCheckpoint({ ...files, 'model.safetensors': bigger['model.safetensors'] }),
    ).rejects.toThrow(/transformer.wte.weight has shape \[10,8\] but config.json implies \[9,8\]/);
    const partial = [...decodeSafetensors(files['model.safetensors']).tensors.values()].filter(
      (t) => !t.name.includes('h.1.'),
    );
    await expect(
      loadCheckpoint({ ...files, 'model.safetensors': encodeSafetensors(partial) }),
    ).rejects.toThrow(
      /missing tensors transformer.h.1.ln_1.weight, transformer.h.1.ln_1.bias, transformer.h.1.attn.c_attn.weight, … \(12 in all\)/,
    );
    const notGpt2 = new TextEncoder().encode(JSON.stringify({ model_type: 'llama' }));
    await expect(loadCheckpoint({ ...files, 'config.json': notGpt2 })).rejects.toThrow(
      /model_type is "llama"/,
    );
  });
});
