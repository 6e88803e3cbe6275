// @glassbox/model/node: Node-only helpers (files, atomic writes, corpora on disk, token shards).
// Never imported by the browser.

export { brownPackageDir, brownText, loadBrownCorpus } from './brown.js';
export {
  type OpenedCheckpointDir,
  openCheckpointDir,
  readCheckpointDir,
  resolveCheckpointDir,
  writeCheckpointDir,
} from './checkpoint-dir.js';
export { corpusTokens, type OpenedCorpus, openCorpus, reopenCorpus } from './corpus.js';
export { type PrepareOptions, prepareData } from './data-prepare.js';
export { fileChunks, listInputFiles, readInputFiles } from './data-readers.js';
export { type FileSource, openFileSource } from './file-source.js';
export { writeFileAtomic } from './files.js';
export { JsonlWriter } from './jsonl-writer.js';
export { nodeLanguageModel } from './language.js';
export { checkOutput, type OutputCheck } from './outputs.js';
export { readShard, ShardWriter, shardTokenCount, writeShard } from './shards.js';
export { findSharedData, sharedDataPath } from './shared-data.js';
export { isSystemError, systemError } from './system-errors.js';
export {
  decodeTextChunks,
  readTextFile,
  TEXT_READ_LIMIT,
  type TextReadOptions,
  TRAINING_TEXT_LIMIT,
} from './text-input.js';
export { TOKENIZER_SPEC_HELP, type TokenizerSpecOptions, tokenizerFromSpec } from './tokenizer-spec.js';
