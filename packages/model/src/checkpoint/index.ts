// @glassbox/model/checkpoint — Hugging Face GPT-2 folders as bytes in / bytes out (glassbox's own
// and the Hub's: F32/F16/BF16 safetensors, vocab.json + merges.txt, generation_config.json), with
// model.safetensors streamed from a ByteSource, and the safetensors format they use.
export { type ByteSource, blobSource, bytesSource, type FileData, type ModelFolder } from './byte-source.js';
export {
  CHECKPOINT_FILES,
  type CheckpointContents,
  type CheckpointFiles,
  type LoadedCheckpoint,
  type LoadOptions,
  loadCheckpoint,
  restoreOptimizer,
  saveCheckpoint,
  type WeightsInfo,
} from './checkpoint.js';
export type { FloatDtype } from './dtypes.js';
export type { GenerationDefaults } from './hub.js';
export { type HubLayoutOptions, hubConfigJSON, hubLayoutTensors } from './hub-layout.js';
export {
  type DecodedSafetensors,
  decodeSafetensors,
  encodeSafetensors,
  type LazyTensor,
  type NamedTensor,
  safetensorsParts,
} from './safetensors.js';
