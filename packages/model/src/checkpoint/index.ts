// Checkpoints: Hugging Face GPT-2 folders as bytes in / bytes out (or streamed from a ByteSource),
// safetensors in F32/F16/BF16, and the Hub's tokenizer and generation files.
export {
  asSource,
  type ByteSource,
  blobSource,
  bytesSource,
  type FileData,
  isByteSource,
  type ModelFolder,
  readWhole,
} from './byte-source.js';
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
export { type FloatDtype, floatToBfloat16, floatToHalf, fromFloat32, toFloat32 } from './dtypes.js';
export {
  classicToTokenizerJSON,
  type GenerationDefaults,
  generationDefaults,
  HUB_FILES,
  readFolderTokenizer,
} from './hub.js';
export {
  type DecodedSafetensors,
  decodeSafetensors,
  encodeSafetensors,
  type LazyTensor,
  MAX_HEADER_BYTES,
  type NamedTensor,
  parseSafetensorsHeader,
  type SafetensorsHeader,
  safetensorsParts,
  type TensorEntry,
} from './safetensors.js';
export { openSafetensors, readTensorInto, type SafetensorsFile, streamTensor } from './safetensors-stream.js';
