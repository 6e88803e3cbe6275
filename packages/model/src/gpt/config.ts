// The GPT's shape — nanoGPT's five numbers — and its mapping to Hugging Face's GPT2Config, so a
// checkpoint's config.json reads in transformers as it does here.

import { GlassboxError } from '../util/errors.js';

export interface GPTConfig {
  /** Number of token ids (the tokenizer's vocabulary size). */
  vocabSize: number;
  /** Longest context in tokens (learned position embeddings: wpe has this many rows). */
  blockSize: number;
  nLayer: number;
  nHead: number;
  /** Width of the residual stream, C. Must be divisible by nHead. */
  nEmbd: number;
}

/** Checks a config and says which field is wrong and why. */
export function validateConfig(c: GPTConfig, where = 'config'): GPTConfig {
  for (const key of ['vocabSize', 'blockSize', 'nLayer', 'nHead', 'nEmbd'] as const) {
    const v = c[key];
    if (!Number.isInteger(v) || v < 1)
      throw new GlassboxError(`${key} must be a positive integer, got ${v}`, where);
  }
  if (c.nEmbd % c.nHead !== 0) {
    throw new GlassboxError(`nEmbd (${c.nEmbd}) must be divisible by nHead (${c.nHead})`, where);
  }
  return c;
}

/** Parameter count (the tied output head counted once, as GPT-2 reports it). */
export function parameterCount(c: GPTConfig): number {
  const C = c.nEmbd;
  const perLayer = 2 * C + (C * 3 * C + 3 * C) + (C * C + C) + 2 * C + (C * 4 * C + 4 * C) + (4 * C * C + C);
  return c.vocabSize * C + c.blockSize * C + c.nLayer * perLayer + 2 * C;
}

/** The Hugging Face GPT2Config fields for this model (config.json). */
export function toHuggingFaceConfig(c: GPTConfig): Record<string, unknown> {
  return {
    architectures: ['GPT2LMHeadModel'],
    model_type: 'gpt2',
    vocab_size: c.vocabSize,
    n_positions: c.blockSize,
    n_ctx: c.blockSize,
    n_embd: c.nEmbd,
    n_layer: c.nLayer,
    n_head: c.nHead,
    n_inner: null,
    activation_function: 'gelu_new',
    layer_norm_epsilon: 1e-5,
    resid_pdrop: 0,
    embd_pdrop: 0,
    attn_pdrop: 0,
    initializer_range: 0.02,
    tie_word_embeddings: true,
    scale_attn_weights: true,
    torch_dtype: 'float32',
  };
}

/** Reads a GPT2Config (config.json), refusing what this implementation cannot run. */
export function fromHuggingFaceConfig(json: unknown, where = 'config.json'): GPTConfig {
  if (typeof json !== 'object' || json === null) throw new GlassboxError('not a JSON object', where);
  const j = json as Record<string, unknown>;
  if (j.model_type !== undefined && j.model_type !== 'gpt2') {
    throw new GlassboxError(`model_type is "${j.model_type}"; glassbox runs GPT-2 models only`, where);
  }
  const num = (key: string) => {
    const v = j[key];
    if (typeof v !== 'number') throw new GlassboxError(`missing or non-numeric "${key}"`, where);
    return v;
  };
  if (j.n_inner !== undefined && j.n_inner !== null && j.n_inner !== 4 * num('n_embd')) {
    throw new GlassboxError(
      `n_inner ${j.n_inner} is not 4·n_embd; only the standard MLP is supported`,
      where,
    );
  }
  if (j.activation_function !== undefined && j.activation_function !== 'gelu_new') {
    throw new GlassboxError(
      `activation_function "${j.activation_function}" is not supported (gelu_new only)`,
      where,
    );
  }
  if (j.tie_word_embeddings === false)
    throw new GlassboxError('untied output heads are not supported', where);
  return validateConfig(
    {
      vocabSize: num('vocab_size'),
      blockSize: num('n_positions'),
      nLayer: num('n_layer'),
      nHead: num('n_head'),
      nEmbd: num('n_embd'),
    },
    where,
  );
}
