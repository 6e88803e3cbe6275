// @glassbox/model/gpt — the GPT: its config (and GPT2Config's), the model with forward and
// backward, KV-cache inference, sampling and generation.
export type { Activations, LayerActivations } from './activations.js';
export { LINEAR_LAYERS, type LinearAdapter, type LinearLayer, linearShape } from './adapter.js';
export {
  fromHuggingFaceConfig,
  type GPTConfig,
  parameterCount,
  toHuggingFaceConfig,
  validateConfig,
} from './config.js';
export { type GenerateOptions, type GenerationStep, generate } from './generate.js';
export { InferenceSession } from './inference.js';
export { type Batch, GPT, type GPTOptions } from './model.js';
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
