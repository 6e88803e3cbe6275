// The reference side of scale/'s tests: glassbox's own library answers the questions the Python
// code must answer the same way. Commands (one JSON answer on stdout):
//   random SEED N RANGE      N draws of Random(SEED).int(RANGE), then the generator's state
//   numbers X…               String(x) of each number, and JSON.stringify of a sample object
//   safetensors FILE         names, shapes and float sums of a safetensors file, read by glassbox
//   resave RUN OUT           loads RUN's checkpoint as a pretraining run to continue (weights,
//                            moments, trainer.json and its run record, the corpus it names, checked
//                            by hash) and writes it, untrained, as glassbox writes checkpoints
// It resolves @glassbox/model's entry points through the CLI package, as the CLI itself does.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const cli = createRequire(new URL('../../packages/cli/package.json', import.meta.url));
const entry = (name) => import(pathToFileURL(cli.resolve(name)).href);
const [command, ...args] = process.argv.slice(2);

if (command === 'random') {
  const [seed, n, range] = args.map(Number);
  const { Random } = await entry('@glassbox/model');
  const rng = new Random(seed);
  const draws = Array.from({ length: n }, () => rng.int(range));
  console.log(JSON.stringify({ draws, state: rng.state() }));
} else if (command === 'numbers') {
  const numbers = args.map(Number);
  const sample = { a: numbers, b: 'x"y\n\u0001é', c: { d: null, e: true, f: [] } };
  console.log(JSON.stringify({ strings: numbers.map(String), sample: JSON.stringify(sample, null, 2) }));
} else if (command === 'safetensors') {
  const { decodeSafetensors } = await entry('@glassbox/model/checkpoint');
  const { tensors, metadata } = decodeSafetensors(new Uint8Array(readFileSync(args[0])), args[0]);
  const out = [...tensors.values()].map((t) => ({
    name: t.name,
    shape: t.shape,
    sum: t.data.reduce((a, b) => a + b, 0),
  }));
  console.log(JSON.stringify({ tensors: out, metadata }));
} else if (command === 'resave') {
  const { loadCheckpoint } = await entry('@glassbox/model/checkpoint');
  const { pretrainingCheckpoint, pretrainRecordOf, resumePretraining } = await entry('@glassbox/model/run');
  const node = await entry('@glassbox/model/node');
  const { dir, files } = await node.readCheckpointDir(args[0]);
  const loaded = await loadCheckpoint(files, { where: dir });
  const record = pretrainRecordOf(loaded, dir);
  const tokens = await node.corpusTokens(
    await node.reopenCorpus(record.corpus),
    loaded.tokenizer,
    record.valFraction,
  );
  const run = resumePretraining(loaded, tokens, { maxSteps: loaded.trainer.step + 1 }, dir);
  await node.writeCheckpointDir(args[1], pretrainingCheckpoint(run));
  console.log(JSON.stringify({ step: run.trainer.step, record }));
} else {
  console.error(`unknown command ${command}`);
  process.exit(2);
}
