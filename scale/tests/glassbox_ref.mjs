// The reference side of scale/'s tests: glassbox's own library answers the questions the Python
// code must answer the same way. Commands (one JSON answer on stdout):
//   random SEED N RANGE      N draws of Random(SEED).int(RANGE), then the generator's state
//   numbers X…               String(x) of each number, and JSON.stringify of a sample object
//   safetensors FILE         names, shapes and float sums of a safetensors file, read by glassbox
// It resolves @glassbox/model through the CLI package, as the CLI itself does.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const cli = new URL('../../packages/cli/package.json', import.meta.url);
const model = await import(pathToFileURL(createRequire(cli).resolve('@glassbox/model')).href);
const [command, ...args] = process.argv.slice(2);

if (command === 'random') {
  const [seed, n, range] = args.map(Number);
  const rng = new model.Random(seed);
  const draws = Array.from({ length: n }, () => rng.int(range));
  console.log(JSON.stringify({ draws, state: rng.state() }));
} else if (command === 'numbers') {
  const numbers = args.map(Number);
  const sample = { a: numbers, b: 'x"y\n\u0001é', c: { d: null, e: true, f: [] } };
  console.log(JSON.stringify({ strings: numbers.map(String), sample: JSON.stringify(sample, null, 2) }));
} else if (command === 'safetensors') {
  const { tensors, metadata } = model.decodeSafetensors(new Uint8Array(readFileSync(args[0])), args[0]);
  const out = [...tensors.values()].map((t) => ({
    name: t.name,
    shape: t.shape,
    sum: t.data.reduce((a, b) => a + b, 0),
  }));
  console.log(JSON.stringify({ tensors: out, metadata }));
} else {
  console.error(`unknown command ${command}`);
  process.exit(2);
}
