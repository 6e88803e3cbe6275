// The GPT's shape — nanoGPT's five numbers, plus the LayerNorm epsilon — and its mapping to
// Hugging Face's GPT2Config, so a checkpoint's config.json reads in transformers as it does here.
// Reading follows transformers: a missing key takes GPT2Config's default; every key that changes
// the computation is either honoured (layer_norm_epsilon, the tanh-GELU names) or refused by name
// (scale_attn_by_inverse_layer_idx, scale_attn_weights: false, reorder_and_upcast_attn,
// n_inner ≠ 4·n_embd, other activations, untied heads, cross-attention). Dropout rates are read
// and ignored (glassbox trains without dropout).

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
  /** LayerNorm's ε in rstd = 1/√(var + ε) (GPT2Config.layer_norm_epsilon; default 1e-5). */
  layerNormEpsilon?: number;
}

/** GPT2Config's default ε, used when a config does not say. */
export const DEFAULT_LAYER_NORM_EPSILON = 1e-5;

/** The ε a model runs with. */
export function layerNormEpsilon(c: GPTConfig): number {
  return c.layerNormEpsilon ?? DEFAULT_LAYER_NORM_EPSILON;
}

/** Checks a config and says which field is wrong and why. */
export function validateConfig(c: GPTConfig, where = 'config'): GPTConfig {
  for (const key of ['vocabSize', 'blockSize', 'nLayer', 'nHead', 'nEmbd'] as const) {
    const v = c[key];
    if (!Number.isInteger(v) || v < 1)
      throw new GlassboxError(`${key} must be a positive integer, got ${v}`, where);
  }
  const eps = c.layerNormEpsilon;
  if (eps !== undefined && !(Number.isFinite(eps) && eps >= 0))
    throw new GlassboxError(`layerNormEpsilon must be a finite number ≥ 0, got ${eps}`, where);
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

/**
 * Model FLOPs of one training step per token (forward + backward), the estimate nanoGPT's MFU and
 * PaLM's appendix B use: 6·N for the products with the N weights other than the position table
 * (the tied head included), plus 12·nLayer·C·T for attention's two T-long products per layer (the
 * whole square, though causal kernels skip the upper half). T defaults to the block size.
 */
export function trainingFlopsPerToken(c: GPTConfig, T = c.blockSize): number {
  const N = parameterCount(c) - c.blockSize * c.nEmbd;
  return 6 * N + 12 * c.nLayer * c.nEmbd * T;
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
    layer_norm_epsilon: layerNormEpsilon(c),
    resid_pdrop: 0,
    embd_pdrop: 0,
    attn_pdrop: 0,
    initializer_range: 0.02,
    tie_word_embeddings: true,
    scale_attn_weights: true,
    torch_dtype: 'float32',
  };
}

/** The tanh-approximated GELU under its transformers names (gelu_fast is the same formula). */
const TANH_GELU = ['gelu_new', 'gelu_pytorch_tanh', 'gelu_fast'];

/** GPT2Config's defaults for the keys that shape the computation (transformers fills these in). */
const DEFAULTS: Record<string, unknown> = {
  vocab_size: 50257,
  n_positions: 1024,
  n_embd: 768,
  n_layer: 12,
  n_head: 12,
  layer_norm_epsilon: DEFAULT_LAYER_NORM_EPSILON,
  activation_function: 'gelu_new',
  scale_attn_weights: true,
  scale_attn_by_inverse_layer_idx: false,
  reorder_and_upcast_attn: false,
  add_cross_attention: false,
  tie_word_embeddings: true,
};

/** Reads a GPT2Config (config.json), refusing by name what this implementation cannot run. */
export function fromHuggingFaceConfig(json: unknown, where = 'config.json'): GPTConfig {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new GlassboxError('not a JSON object', where);
  const j = { ...DEFAULTS, ...(json as Record<string, unknown>) };
  if (j.model_type !== undefined && j.model_type !== 'gpt2') {
    throw new GlassboxError(`model_type is "${j.model_type}"; glassbox runs GPT-2 models only`, where);
  }
  const num = (key: string) => {
    const v = j[key];
    if (typeof v !== 'number')
      throw new GlassboxError(`"${key}" must be a number, got ${JSON.stringify(v)}`, where);
    return v;
  };
  const refuse = (key: string, why: string): never => {
    throw new GlassboxError(`${key}: ${JSON.stringify(j[key])} is not supported (${why})`, where);
  };
  if (j.n_inner !== undefined && j.n_inner !== null && j.n_inner !== 4 * num('n_embd'))
    refuse('n_inner', `glassbox's MLP is 4·n_embd = ${4 * num('n_embd')} wide`);
  if (!TANH_GELU.includes(String(j.activation_function)))
    refuse('activation_function', `glassbox runs the tanh GELU: ${TANH_GELU.join(', ')}`);
  if (j.scale_attn_weights !== true)
    refuse('scale_attn_weights', 'attention scores are always divided by √head_size');
  if (j.scale_attn_by_inverse_layer_idx !== false)
    refuse('scale_attn_by_inverse_layer_idx', 'no per-layer attention scaling');
  if (j.reorder_and_upcast_attn !== false)
    refuse('reorder_and_upcast_attn', 'glassbox computes attention in one order, in float32');
  if (j.add_cross_attention !== false)
    refuse('add_cross_attention', 'decoder-only GPT-2 without cross-attention');
  if (j.tie_word_embeddings !== true)
    refuse('tie_word_embeddings', 'the output head is always the token embedding');
  const config: GPTConfig = {
    vocabSize: num('vocab_size'),
    blockSize: num('n_positions'),
    nLayer: num('n_layer'),
    nHead: num('n_head'),
    nEmbd: num('n_embd'),
  };
  // Kept only when it differs from the default, so configs of ordinary checkpoints stay the five numbers.
  const eps = num('layer_norm_epsilon');
  if (eps !== DEFAULT_LAYER_NORM_EPSILON) config.layerNormEpsilon = eps;
  return validateConfig(config, where);
}
