// @tensorflow/tfjs-backend-wasm as a peer (XNNPACK, SIMD, single-threaded here). It is a
// devDependency of the CLI: when it is not installed, the benchmark prints our figures alone.

import { createRequire } from 'node:module';
import { dirname } from 'node:path';

type Tf = typeof import('@tensorflow/tfjs-core');

let loaded: Promise<Tf | undefined> | undefined;

export function loadTfjsWasm(): Promise<Tf | undefined> {
  loaded ??= (async () => {
    try {
      const require = createRequire(import.meta.url);
      const tf = require('@tensorflow/tfjs-core') as Tf;
      const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`);
      wasm.setThreadsCount(1);
      await tf.setBackend('wasm');
      await tf.ready();
      return tf;
    } catch {
      return undefined;
    }
  })();
  return loaded;
}
