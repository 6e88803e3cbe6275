// @glassbox/model/gpt — the GPT: its config (and GPT2Config's), the model with forward and
// backward, KV-cache inference, sampling and generation.
export type { Activations, LayerActivations } from './activations.js';
export { LINEAR_LAYERS, type LinearAdapter, type LinearLayer, linearShape } from './adapter.js';
export {
  fromHuggingFaceConfig,
  type GPTConfig,
  parameterCount,
  toHuggingFaceConfig,
  trainingFlopsPerToken,
  validateConfig,
} from './config.js';
export { type GenerateOptions, type GenerationStep, generate } from './generate.js';
export { InferenceSession, type SessionOptions } from './inference.js';
export {
  type AttentionMaps,
  type Inspection,
  type InspectOptions,
  inspectTokens,
  MAX_ATTENTION_TOKENS,
  type PositionInspection,
} from './inspect.js';
export { type Batch, type ForwardOptions, GPT, type GPTOptions } from './model.js';
export type { ParamBlock, ParamSpec } from './params.js';
export {
  type Candidate,
  candidate,
  drawFrom,
  type SamplingOptions,
  samplingDistribution,
  softmax,
  topCandidates,
} from './sampling.js';
export {
  checkModelSize,
  modelBytes,
  SHARED_MEMORY_BYTES,
  type SizeOptions,
  WASM_MEMORY_BYTES,
} from './size.js';
