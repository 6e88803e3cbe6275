// Tokenizer benchmarks. (1) Byte-level BPE training, vocabulary 4096 on tinyshakespeare: a whole
// cold process, timed the way Debian's sentencepiece `spm_train --model_type=bpe` is (run side by
// side when it is installed), with peak memory. (2) GPT-2 (r50k_base) encoding throughput against
// gpt-tokenizer, tiktoken (WASM) and js-tiktoken on the same text in the same run, after checking
// all four give the same ids. Medians; MB/s figures go to stderr, ratios to the table.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findSharedData } from '@glassbox/model/node';
import { loadGpt2 } from '@glassbox/model/tokenizer';
import { encode as gptTokenizerEncode } from 'gpt-tokenizer/encoding/r50k_base';
import { getEncoding } from 'js-tiktoken';
import { get_encoding } from 'tiktoken';
import { measure, median } from './timing.js';
import type { BenchOptions, BenchRow, BenchSection } from './types.js';

const CHILD = fileURLToPath(new URL('./tokenizer-train-child.js', import.meta.url));

function note(line: string): void {
  process.stderr.write(`  ${line}\n`);
}

/** Wall time of a whole process, median of `runs`; its output and, via /usr/bin/time, peak KiB. */
function runProcess(
  cmd: string,
  args: string[],
  runs: number,
): { ms: number; stdout: string; peakMiB?: number } {
  const timed = existsSync('/usr/bin/time');
  const times: number[] = [];
  let stdout = '';
  let peakMiB: number | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = timed
      ? spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { encoding: 'utf8' })
      : spawnSync(cmd, args, { encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr.slice(-300)}`);
    stdout = r.stdout;
    const kib = timed ? Number(r.stderr.trim().split('\n').at(-1)) : Number.NaN;
    if (Number.isFinite(kib)) peakMiB = kib / 1024;
  }
  return { ms: median(times), stdout, peakMiB };
}

function hasSpmTrain(): boolean {
  return spawnSync('spm_train', ['--version'], { encoding: 'utf8' }).error === undefined;
}

async function benchTrain(file: string, vocab: number, opts: BenchOptions, emit: (r: BenchRow) => void) {
  const bytes = readFileSync(file).length;
  const runs = opts.quick ? 1 : 3;
  const kernel = `bpe train ${vocab}`;
  const ours = runProcess(process.execPath, [CHILD, file, String(vocab)], runs);
  const child = JSON.parse(ours.stdout) as { trainMs: number; peakMiB: number };
  emit({
    kernel,
    shape: [bytes],
    impl: 'glassbox',
    threads: 1,
    ms: ours.ms,
    extra: { trainMs: child.trainMs, peakMiB: child.peakMiB },
  });
  note(
    `${kernel}: glassbox ${(ours.ms / 1000).toFixed(2)} s per process (training ${(child.trainMs / 1000).toFixed(2)} s), peak ${child.peakMiB.toFixed(0)} MiB`,
  );
  if (!hasSpmTrain()) {
    note('spm_train not installed (apt-get install sentencepiece): no peer row');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'glassbox-spm-'));
  try {
    const args = [
      `--input=${file}`,
      `--model_prefix=${join(dir, 'spm')}`,
      `--vocab_size=${vocab}`,
      '--model_type=bpe',
      '--minloglevel=2',
    ];
    const spm = runProcess('spm_train', args, runs);
    emit({
      kernel,
      shape: [bytes],
      impl: 'spm_train',
      threads: 2,
      ms: spm.ms,
      extra: spm.peakMiB ? { peakMiB: spm.peakMiB } : {},
    });
    note(
      `${kernel}: spm_train ${(spm.ms / 1000).toFixed(2)} s per process, peak ${spm.peakMiB?.toFixed(0) ?? '?'} MiB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchEncode(text: string, opts: BenchOptions, emit: (r: BenchRow) => void) {
  const gpt2 = await loadGpt2();
  const tiktoken = get_encoding('gpt2');
  const jsTiktoken = getEncoding('gpt2');
  const peers: [string, () => ArrayLike<number>][] = [
    ['glassbox', () => gpt2.encode(text)],
    ['gpt-tokenizer', () => gptTokenizerEncode(text)],
    ['tiktoken', () => tiktoken.encode(text, [], [])],
    ['js-tiktoken', () => jsTiktoken.encode(text, [], [])],
  ];
  const expected = Array.from(peers[0][1]()).join(',');
  const bytes = Buffer.byteLength(text, 'utf8');
  const timing = opts.quick
    ? { warmupMs: 100, minReps: 3, minMs: 200 }
    : { warmupMs: 500, minReps: 7, minMs: 2000 };
  const figures: string[] = [];
  for (const [impl, run] of peers) {
    const same = Array.from(run()).join(',') === expected;
    const t = measure(() => run(), timing);
    const mbps = bytes / 1e6 / (t.ms / 1000);
    emit({
      kernel: 'gpt2 encode',
      shape: [bytes],
      impl,
      threads: 1,
      ms: t.ms,
      extra: { mbps, sameIds: same ? 1 : 0 },
    });
    figures.push(`${impl} ${mbps.toFixed(1)} MB/s${same ? '' : ' (DIFFERENT IDS)'}`);
  }
  tiktoken.free();
  note(`gpt2 encode, ${bytes.toLocaleString('en-US')} bytes: ${figures.join(', ')}`);
}

export const tokenizerSection: BenchSection = {
  name: 'tokenizer',
  description: 'BPE training (whole process vs spm_train) and GPT-2 encoding (ms per text; MB/s on stderr)',
  async run(opts, emit) {
    const file = findSharedData('tinyshakespeare.txt');
    if (!file) {
      note('skipped: tinyshakespeare.txt not found in shared/data beside the repository');
      return;
    }
    const text = readFileSync(file, 'utf8');
    await benchTrain(file, opts.quick ? 1024 : 4096, opts, emit);
    await benchEncode(opts.quick ? text.slice(0, 200_000) : text, opts, emit);
  },
};
