// @glassbox/model/node: Node-only helpers (files, atomic writes). Never imported by the browser.

export { readCheckpointDir, resolveCheckpointDir, writeCheckpointDir } from './checkpoint-dir.js';
export { readTextFile, writeFileAtomic } from './files.js';
