// Loading GPT-2 folders as the Hugging Face Hub publishes them (fixtures written here in the Hub's
// exact layouts): names with and without "transformer.", mask buffers, F16/BF16 weights, GPT-2's
// classic vocab.json + merges.txt and the Hub's tokenizer.json, generation_config.json, the config
// keys that change the computation (honoured or refused by name), and weight files never opened.

import { describe, expect, it } from 'vitest';
import { loadCheckpoint } from '../../src/checkpoint/checkpoint.js';
import { fromFloat32, toFloat32 } from '../../src/checkpoint/dtypes.js';
import { fromHuggingFaceConfig, parameterCount } from '../../src/gpt/config.js';
import { loadGpt2 } from '../../src/tokenizer/gpt2.js';
import { naiveLogits } from '../gpt/naive-forward.js';
import { hubConfig, hubFolder, randomWeights } from './fixtures.js';

const shape = { vocabSize: 50257, blockSize: 16, nLayer: 2, nHead: 2, nEmbd: 16 };
const TEXT = 'Hello world! GPT-2 reads “quotes”, émigrés and 日本語 — 123.';

/** What a weight becomes after being stored in `dtype` and read back. */
function rounded(w: (n: string, s: number[]) => Float32Array, dtype: 'F16' | 'BF16' | 'F32') {
  const cache = new Map<string, Float32Array>();
  return (name: string) => {
    let v = cache.get(name);
    if (!v) {
      const src = w(name, []);
      v = new Float32Array(src.length);
      toFloat32(fromFloat32(src, dtype), dtype, v);
      cache.set(name, v);
    }
    return v;
  };
}

/** The weight's shape from the shape table (randomWeights only needs the element count). */
function weights(seed: number) {
  const C = shape.nEmbd;
  const size = (name: string): number => {
    if (name === 'wte.weight') return shape.vocabSize * C;
    if (name === 'wpe.weight') return shape.blockSize * C;
    if (name.endsWith('c_attn.weight')) return 3 * C * C;
    if (name.endsWith('c_attn.bias')) return 3 * C;
    if (name.endsWith('c_fc.weight') || name.endsWith('mlp.c_proj.weight')) return 4 * C * C;
    if (name.endsWith('c_fc.bias')) return 4 * C;
    if (name.endsWith('attn.c_proj.weight')) return C * C;
    return C;
  };
  const r = randomWeights(seed);
  return (name: string, _shape: number[]) => r(name, [size(name)]);
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

async function logitsOf(model: Awaited<ReturnType<typeof loadCheckpoint>>['model'], tokens: number[]) {
  model.forward({ tokens, B: 1, T: tokens.length });
  return model.activations!.logits.data.slice(0, tokens.length * model.config.vocabSize);
}

describe('Hub GPT-2 folders', () => {
  it("loads gpt2's form: unprefixed names, mask buffers, F16, vocab.json + merges.txt, generation_config.json", async () => {
    const w = weights(1);
    const files = await hubFolder(shape, w, { dtype: 'F16' });
    const loaded = await loadCheckpoint(files, { where: 'gpt2', training: false });
    expect(loaded.config).toEqual({ vocabSize: 50257, blockSize: 16, nLayer: 2, nHead: 2, nEmbd: 16 });
    expect(loaded.model.training).toBe(false);
    expect(loaded.weights).toMatchObject({ dtypes: { F16: 2 + 2 * 12 + 2 }, prefixed: false });
    expect(loaded.weights.ignored).toEqual([
      'h.0.attn.bias',
      'h.0.attn.masked_bias',
      'h.1.attn.bias',
      'h.1.attn.masked_bias',
    ]);
    const r = rounded(w, 'F16');
    for (const name of ['wte.weight', 'h.1.mlp.c_proj.weight', 'ln_f.bias'])
      expect(Array.from(loaded.model.params.get(name).data)).toEqual(Array.from(r(name)));
    // The classic tokenizer pair gives GPT-2's own ids.
    const gpt2 = await loadGpt2();
    expect(loaded.tokenizer!.encode(TEXT)).toEqual(gpt2.encode(TEXT));
    expect(loaded.tokenizer!.specialTokens.get('<|endoftext|>')).toBe(50256);
    expect(loaded.generation.eosTokenIds).toEqual([50256]);
    expect(loaded.generation.bosTokenId).toBe(50256);
    // The logits are GPT-2's, computed independently from the same (F16-rounded) weights.
    const tokens = gpt2.encode(' The cat sat');
    const got = await logitsOf(loaded.model, tokens);
    const want = naiveLogits({ ...shape, eps: 1e-5 }, r, tokens);
    expect(
      maxDiff(
        got,
        want.flatMap((row) => Array.from(row)),
      ),
    ).toBeLessThan(2e-4);
  });

  it("loads distilgpt2's form: transformer. names, a tied lm_head.weight, BF16, the Hub's tokenizer.json", async () => {
    const w = weights(2);
    const files = await hubFolder(shape, w, {
      dtype: 'BF16',
      prefixed: true,
      tokenizer: 'json',
      generationConfig: false,
    });
    const loaded = await loadCheckpoint(files, { training: false });
    expect(loaded.weights).toMatchObject({ dtypes: { BF16: 28 }, prefixed: true });
    expect(loaded.weights.ignored).toContain('lm_head.weight');
    const r = rounded(w, 'BF16');
    expect(Array.from(loaded.model.params.get('h.0.attn.c_attn.weight').data)).toEqual(
      Array.from(r('h.0.attn.c_attn.weight')),
    );
    const gpt2 = await loadGpt2();
    expect(loaded.tokenizer!.encode(TEXT)).toEqual(gpt2.encode(TEXT));
    // No generation_config.json: the ids come from config.json.
    expect(loaded.generation.eosTokenIds).toEqual([50256]);
    // An lm_head that differs from wte is an untied head: refused, not silently dropped.
    const untied = await hubFolder(shape, w, { dtype: 'F32', prefixed: true, tokenizer: 'none' });
    const bytes = untied['model.safetensors'];
    bytes[bytes.length - 3] ^= 0x40; // the last tensor written is lm_head.weight
    await expect(loadCheckpoint(untied)).rejects.toThrow(
      /lm_head.weight differs from wte.weight: this model has an untied output head/,
    );
  });

  it('honours layer_norm_epsilon', async () => {
    const w = weights(3);
    const eps = 1e-2;
    const files = await hubFolder(shape, w, { configExtra: { layer_norm_epsilon: eps }, tokenizer: 'none' });
    const loaded = await loadCheckpoint(files, { training: false });
    expect(loaded.config.layerNormEpsilon).toBe(eps);
    const tokens = [464, 3797, 3332, 319];
    const got = await logitsOf(loaded.model, tokens);
    const r = rounded(w, 'F32');
    const want = naiveLogits({ ...shape, eps }, r, tokens).flatMap((row) => Array.from(row));
    const ignoringEps = naiveLogits({ ...shape, eps: 1e-5 }, r, tokens).flatMap((row) => Array.from(row));
    expect(maxDiff(got, want)).toBeLessThan(2e-4);
    expect(maxDiff(ignoringEps, want)).toBeGreaterThan(1e-2);
    // And it goes back out in config.json.
    const { saveCheckpoint } = await import('../../src/checkpoint/checkpoint.js');
    const out = JSON.parse(new TextDecoder().decode(saveCheckpoint({ model: loaded.model })['config.json']));
    expect(out.layer_norm_epsilon).toBe(eps);
  });

  it('reads the config.json of gpt2, distilgpt2, gpt2-medium and gpt2-large', () => {
    const sizes: [string, Record<string, unknown>, number][] = [
      [
        'gpt2',
        hubConfig({ vocabSize: 50257, blockSize: 1024, nLayer: 12, nHead: 12, nEmbd: 768 }),
        124_439_808,
      ],
      [
        'distilgpt2',
        {
          ...hubConfig({ vocabSize: 50257, blockSize: 1024, nLayer: 6, nHead: 12, nEmbd: 768 }),
          _num_labels: 1,
          id2label: { 0: 'LABEL_0' },
          label2id: { LABEL_0: 0 },
        },
        81_912_576,
      ],
      [
        'gpt2-medium',
        {
          ...hubConfig({ vocabSize: 50257, blockSize: 1024, nLayer: 24, nHead: 16, nEmbd: 1024 }),
          n_special: 0,
          predict_special_tokens: true,
        },
        354_823_168,
      ],
      [
        'gpt2-large',
        hubConfig({ vocabSize: 50257, blockSize: 1024, nLayer: 36, nHead: 20, nEmbd: 1280 }),
        774_030_080,
      ],
    ];
    for (const [name, json, params] of sizes) {
      const c = fromHuggingFaceConfig(json, name);
      expect(parameterCount(c), name).toBe(params);
    }
    // Keys a file leaves out take GPT2Config's defaults, as in transformers.
    expect(fromHuggingFaceConfig({ model_type: 'gpt2', n_layer: 2 })).toEqual({
      vocabSize: 50257,
      blockSize: 1024,
      nLayer: 2,
      nHead: 12,
      nEmbd: 768,
    });
    for (const act of ['gelu_new', 'gelu_pytorch_tanh', 'gelu_fast'])
      expect(fromHuggingFaceConfig({ activation_function: act }).nLayer).toBe(12);
  });

  it('refuses by name every config key that would change the computation', () => {
    const refused: [Record<string, unknown>, RegExp][] = [
      [{ scale_attn_by_inverse_layer_idx: true }, /scale_attn_by_inverse_layer_idx: true is not supported/],
      [{ scale_attn_weights: false }, /scale_attn_weights: false is not supported/],
      [{ reorder_and_upcast_attn: true }, /reorder_and_upcast_attn: true is not supported/],
      [{ n_inner: 1000 }, /n_inner: 1000 is not supported \(glassbox's MLP is 4·n_embd = 3072 wide\)/],
      [{ activation_function: 'gelu' }, /activation_function: "gelu" is not supported/],
      [{ activation_function: 'relu' }, /activation_function: "relu" is not supported/],
      [{ tie_word_embeddings: false }, /tie_word_embeddings: false is not supported/],
      [{ add_cross_attention: true }, /add_cross_attention: true is not supported/],
      [{ model_type: 'llama' }, /model_type is "llama"/],
      [{ n_layer: '12' }, /"n_layer" must be a number/],
    ];
    for (const [extra, message] of refused) {
      expect(() =>
        fromHuggingFaceConfig(
          {
            ...hubConfig({ vocabSize: 50257, blockSize: 1024, nLayer: 12, nHead: 12, nEmbd: 768 }),
            ...extra,
          },
          'config.json',
        ),
      ).toThrow(message);
    }
    expect(fromHuggingFaceConfig({ n_inner: 3072 }).nEmbd).toBe(768);
    expect(fromHuggingFaceConfig({ n_inner: null }).nEmbd).toBe(768);
  });

  it('never opens pickles or other weight formats, and says what to do', async () => {
    const files = await hubFolder(shape, weights(4), { tokenizer: 'none' });
    const { 'model.safetensors': _, ...rest } = files;
    await expect(
      loadCheckpoint({ ...rest, 'pytorch_model.bin': new Uint8Array([0x80, 2]) }, { where: 'gpt2' }),
    ).rejects.toThrow(
      /^gpt2: pytorch_model.bin is a Python pickle, and loading a pickle can run code: glassbox never opens one; convert it to model.safetensors/,
    );
    await expect(
      loadCheckpoint({ ...rest, 'model.safetensors.index.json': new Uint8Array(2) }),
    ).rejects.toThrow(/the weights are sharded/);
    await expect(loadCheckpoint({ ...rest, 'tf_model.h5': new Uint8Array(2) })).rejects.toThrow(
      /TensorFlow weights/,
    );
    await expect(loadCheckpoint(rest)).rejects.toThrow(/missing model.safetensors/);
    // Half a classic tokenizer is named.
    const half = await hubFolder(shape, weights(4));
    delete half['merges.txt'];
    await expect(loadCheckpoint(half, { where: 'gpt2' })).rejects.toThrow(
      /^gpt2: has vocab.json but no merges.txt/,
    );
    // A tensor that is not part of GPT-2 (e.g. cross-attention) is refused by name.
    const extra = await hubFolder({ ...shape }, weights(4), { tokenizer: 'none', buffers: false });
    const { encodeSafetensors, decodeSafetensors } = await import('../../src/checkpoint/safetensors.js');
    const tensors = [...decodeSafetensors(extra['model.safetensors']).tensors.values()];
    tensors.push({ name: 'h.0.crossattention.c_attn.weight', shape: [1], data: Float32Array.of(1) });
    await expect(
      loadCheckpoint({ ...extra, 'model.safetensors': encodeSafetensors(tensors) }),
    ).rejects.toThrow(/tensors h.0.crossattention.c_attn.weight are not part of a GPT-2 language model/);
    // generation_config.json naming an id outside the vocabulary is refused by name.
    const badGen = {
      ...extra,
      'generation_config.json': new TextEncoder().encode('{"eos_token_id": 60000}'),
    };
    await expect(loadCheckpoint(badGen, { where: 'g' })).rejects.toThrow(
      /^g\/generation_config.json: eos_token_id\[0\] 60000 is not a token id/,
    );
  });
});
