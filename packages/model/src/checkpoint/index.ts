// Checkpoints: Hugging Face GPT-2 folders as bytes in / bytes out, and safetensors.
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
  MAX_HEADER_BYTES,
  type NamedTensor,
} from './safetensors.js';
