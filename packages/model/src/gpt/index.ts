// GPT: the model, its config, inference with a KV cache, sampling and generation.
export type { Activations, LayerActivations } from './activations.js';
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
export { ParamBlock, type ParamSpec, paramSpecs } from './params.js';
export {
  type Candidate,
  candidate,
  drawFrom,
  type SamplingOptions,
  samplingDistribution,
  softmax,
  topCandidates,
} from './sampling.js';
