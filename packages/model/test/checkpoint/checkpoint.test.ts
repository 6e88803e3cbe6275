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
import { trainTokenizer } from '../../src/tokenizer/train.js';

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

  it('names end and beginning tokens that exist, and tells AutoTokenizer to load tokenizer.json as it is', async () => {
    const dec = (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b));
    const text = 'the cat sat on the mat. the dog sat too.';
    const kinds = [
      ['char', trainTokenizer({ type: 'char', texts: [text] })],
      [
        'word',
        trainTokenizer({ type: 'word', texts: [text], vocabSize: 20, specialTokens: ['<|endoftext|>'] }),
      ],
      ['bpe', trainTokenizer({ type: 'bpe', texts: [text], vocabSize: 270 })],
    ] as const;
    for (const [kind, tokenizer] of kinds) {
      const model = await GPT.create({ ...config, vocabSize: tokenizer.vocabSize }, { seed: 5 });
      const files = saveCheckpoint({ model, tokenizer });
      const cfg = dec(files['config.json']);
      const gen = dec(files['generation_config.json']);
      const tc = dec(files['tokenizer_config.json']);
      const eot = tokenizer.specialTokens.get('<|endoftext|>') ?? null;
      // Never transformers' default 50256: the end token of this vocabulary, or null.
      expect(cfg.eos_token_id, kind).toBe(eot);
      expect(cfg.bos_token_id, kind).toBe(eot);
      expect(gen).toMatchObject({ eos_token_id: eot, bos_token_id: eot });
      if (eot !== null) expect(eot).toBeLessThan(tokenizer.vocabSize);
      expect(tc).toMatchObject({
        tokenizer_class: 'PreTrainedTokenizerFast',
        model_max_length: config.blockSize,
        clean_up_tokenization_spaces: false,
        eos_token: eot === null ? null : '<|endoftext|>',
      });
      for (const [id, entry] of Object.entries(
        tc.added_tokens_decoder as Record<string, { content: string }>,
      ))
        expect(tokenizer.specialTokens.get(entry.content), kind).toBe(Number(id));
      // Loading it back: generation stops at that token.
      const loaded = await loadCheckpoint(files);
      expect(loaded.generation.eosTokenIds).toEqual(eot === null ? [] : [eot]);
    }
    // BPE merges are written as "a b" strings, GPT-2's own form.
    const bpe = dec(
      saveCheckpoint({
        model: await GPT.create({ ...config, vocabSize: kinds[2][1].vocabSize }),
        tokenizer: kinds[2][1],
      })['tokenizer.json'],
    );
    expect(bpe.model.merges.length).toBeGreaterThan(0);
    expect(bpe.model.merges.every((m: unknown) => typeof m === 'string' && m.split(' ').length === 2)).toBe(
      true,
    );
  });
});
