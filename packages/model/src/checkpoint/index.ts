// @glassbox/model/checkpoint — Hugging Face GPT-2 folders as bytes in / bytes out, and the
// safetensors format they use.
export {
  CHECKPOINT_FILES,
  type CheckpointContents,
  type CheckpointFiles,
  type LoadedCheckpoint,
  type LoadOptions,
  loadCheckpoint,
  restoreOptimizer,
  saveCheckpoint,
} from './checkpoint.js';
export {
  type DecodedSafetensors,
  decodeSafetensors,
  encodeSafetensors,
  type NamedTensor,
} from './safetensors.js';
