// Builds the two WebAssembly cores with one AssemblyScript compiler process (asc spends seconds
// loading binaryen, so one process builds both):
//   dist/core.wasm     single-threaded; imports an ordinary memory
//   dist/core-mt.wasm  threaded; imports a shared memory and adds the work-sharing entry points
import { mkdir } from 'node:fs/promises';
import asc from 'assemblyscript/asc';

const common = [
  '--optimizeLevel',
  '3',
  '--shrinkLevel',
  '0',
  '--runtime',
  'stub',
  '--importMemory',
  '--initialMemory',
  '2',
  '--noAssert',
  '--uncheckedBehavior',
  'always',
];
const targets = [
  ['assembly/index.ts', 'core', ['--enable', 'simd']],
  // 32768 pages = 2 GiB: shared memories need a maximum; browsers and Node accept this one.
  [
    'assembly/index-mt.ts',
    'core-mt',
    ['--enable', 'simd,threads', '--sharedMemory', '--maximumMemory', '32768'],
  ],
];

await mkdir(new URL('../dist', import.meta.url), { recursive: true });
for (const [entry, name, flags] of targets) {
  const { error } = await asc.main(
    [entry, '--outFile', `dist/${name}.wasm`, '--textFile', `dist/${name}.wat`, ...common, ...flags],
    {
      stdout: process.stdout,
      stderr: process.stderr,
    },
  );
  if (error) {
    console.error(`core-wasm: AssemblyScript build of ${name} failed: ${error.message}`);
    process.exit(1);
  }
}
