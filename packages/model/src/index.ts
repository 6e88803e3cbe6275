// @glassbox/model: the language-model library. Browser-safe: nothing here imports node:*.
// The library is imported by domain, one subpath each:
//   @glassbox/model/tokenizer   text ↔ token ids (char, word, byte-level BPE, GPT-2's vocabulary)
//   @glassbox/model/data        curation (readers, FineWeb's filters, dedup), shards, built-in corpora
//   @glassbox/model/word2vec    word2vec, word vectors, projections, their file formats
//   @glassbox/model/gpt         the GPT: config, forward/backward, KV-cache inference, sampling
//   @glassbox/model/train       the trainer: AdamW, schedule, loop, evaluation and loss figures
//   @glassbox/model/checkpoint  Hugging Face GPT-2 folders and safetensors, as bytes
//   @glassbox/model/finetune    chat template, SFT, LoRA, comparison
//   @glassbox/model/run         runs as the apps see them: records, events, recipes, corpora
//   @glassbox/model/node        Node-only file helpers (never imported by the browser)
// This root holds what every domain shares: the error type, the seeded generator and the
// event-loop yield of long loops.

export {
  type ErrorField,
  GlassboxError,
  isGlassboxError,
  isTrainingDiverged,
  TrainingDiverged,
} from './util/errors.js';
export { Random, type RandomState } from './util/random.js';
export { yieldToEventLoop } from './util/yield.js';
