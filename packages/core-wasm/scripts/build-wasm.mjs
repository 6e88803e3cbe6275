// Compiles assembly/index.ts to dist/core.wasm (+ a .wat for reading) with one call to the
// AssemblyScript compiler API: asc spends seconds loading binaryen, so one process builds all.
import { mkdir } from 'node:fs/promises';
import asc from 'assemblyscript/asc';

await mkdir(new URL('../dist', import.meta.url), { recursive: true });
const { error } = await asc.main(
  [
    'assembly/index.ts',
    '--outFile',
    'dist/core.wasm',
    '--textFile',
    'dist/core.wat',
    '--optimizeLevel',
    '3',
    '--shrinkLevel',
    '0',
    '--runtime',
    'stub',
    '--importMemory',
    '--initialMemory',
    '2',
    '--enable',
    'simd',
    '--noAssert',
    '--uncheckedBehavior',
    'always',
  ],
  { stdout: process.stdout, stderr: process.stderr },
);
if (error) {
  console.error(`core-wasm: AssemblyScript build failed: ${error.message}`);
  process.exit(1);
}
