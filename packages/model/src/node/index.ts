// @glassbox/model/node: Node-only helpers (files, atomic writes). Never imported by the browser.

export { readTextFile, writeFileAtomic } from './files.js';
