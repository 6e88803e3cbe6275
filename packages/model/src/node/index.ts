// @glassbox/model/node: Node-only helpers (files, atomic writes, corpora on disk, token shards).
// Never imported by the browser.

export { brownPackageDir, brownText, loadBrownCorpus } from './brown.js';
export { readCheckpointDir, resolveCheckpointDir, writeCheckpointDir } from './checkpoint-dir.js';
export { readTextFile, writeFileAtomic } from './files.js';
export { readShard, ShardWriter, shardTokenCount, writeShard } from './shards.js';
