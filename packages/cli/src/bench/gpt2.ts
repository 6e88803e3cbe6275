// Benchmark section `gpt2`: a GPT-2-small-shaped model (124 M parameters, random weights, written
// once to a temporary folder in the Hub's layout: F32, unprefixed names, mask buffers) loaded from
// disk, a prompt of 64 tokens fed at once, then 128 new tokens greedily through the KV cache, on 1
// and 2 threads: load time, prompt time, tokens/s and the process's peak memory (each run is a
// process of its own: gpt2-child.js). The peer, in the same run and alternating with ours, is
// PyTorch (Debian's python3-torch, eager, the same folder read with numpy, a GPT-2 forward with a
// KV cache: bench-peers/gpt2_torch.py), when /usr/bin/python3 can import torch; both must generate
// the same tokens (an independent check of the forward pass). Also: a LoRA fine-tuning step on
// the same model (rank 8, batch 4 × 128 tokens, base frozen with no gradients), ms per step.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubConfigJSON, hubLayoutTensors, safetensorsParts } from '@glassbox/model/checkpoint';
import type { GPTConfig } from '@glassbox/model/gpt';
import { loadGpt2 } from '@glassbox/model/tokenizer';
import { PYTHON } from './python-peers.js';
import { median } from './timing.js';
import type { BenchOptions, BenchRow, BenchSection } from './types.js';

const GPT2_SMALL: GPTConfig = { vocabSize: 50257, blockSize: 1024, nLayer: 12, nHead: 12, nEmbd: 768 };
const PROMPT = Array.from({ length: 64 }, (_, i) => (i * 997 + 13) % 50000);
const NEW_TOKENS = 128;
const CHILD = new URL('./gpt2-child.js', import.meta.url).pathname;
const TORCH = new URL('../../bench-peers/gpt2_torch.py', import.meta.url).pathname;

/** Seeded weights of GPT-2's scale (xorshift32), made one tensor at a time as the file is written. */
function weight(name: string, shape: number[]): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  let s = 2166136261;
  for (let i = 0; i < name.length; i++) s = Math.imul(s ^ name.charCodeAt(i), 16777619) >>> 0;
  const gain = /ln_.*weight$/.test(name);
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const u = (s >>> 0) / 4294967296 - 0.5;
    out[i] = gain ? 1 + 0.2 * u : 0.1 * u;
  }
  return out;
}

/** The model folder, written once per machine (a marker file says it is complete). */
async function fixture(): Promise<string> {
  const dir = join(tmpdir(), 'glassbox-bench-gpt2-small');
  if (existsSync(join(dir, '.complete'))) return dir;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'config.json'), JSON.stringify(hubConfigJSON(GPT2_SMALL), null, 2));
  await writeFile(join(dir, 'tokenizer.json'), JSON.stringify((await loadGpt2()).toJSON()));
  const tmp = join(dir, 'model.safetensors.tmp');
  const f = await open(tmp, 'w');
  for (const part of safetensorsParts(hubLayoutTensors(GPT2_SMALL, weight), { format: 'pt' }))
    await f.write(part);
  await f.close();
  await rename(tmp, join(dir, 'model.safetensors'));
  await writeFile(join(dir, '.complete'), '');
  return dir;
}

interface RunResult {
  loadMs: number;
  promptMs?: number;
  tokensPerS: number;
  msPerStep?: number;
  ids?: number[];
  peakMiB: number;
}

function run(cmd: string, args: string[]): RunResult | undefined {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 24, timeout: 600_000 });
  if (r.status !== 0) {
    process.stderr.write(`gpt2 bench: ${cmd} failed: ${r.stderr.slice(-500)}\n`);
    return undefined;
  }
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as RunResult;
}

function torchAvailable(): boolean {
  if (!existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ['-c', 'import torch, numpy'], { encoding: 'utf8' }).status === 0;
}

export const gpt2Section: BenchSection = {
  name: 'gpt2',
  description: `GPT-2 small shape (124 M parameters) from disk: prompt of ${PROMPT.length} tokens at once, then ${NEW_TOKENS} new tokens with the KV cache (ms = per new token); a LoRA step (rank 8, batch 4 × 128); peak RSS of the whole process`,
  async run(opts: BenchOptions, emit: (row: BenchRow) => void): Promise<void> {
    const dir = await fixture();
    const reps = opts.quick ? 1 : 3;
    const torch = torchAvailable();
    const prompt = PROMPT.join(',');
    const results = new Map<string, RunResult[]>();
    const add = (key: string, r: RunResult | undefined) => {
      if (r) results.set(key, [...(results.get(key) ?? []), r]);
    };
    // Alternate ours and the peer, thread count by thread count, so both see the same machine.
    for (let rep = 0; rep < reps; rep++) {
      for (const threads of [1, 2]) {
        add(
          `glassbox ${threads}`,
          run(process.execPath, [CHILD, dir, String(threads), 'generate', prompt, String(NEW_TOKENS)]),
        );
        if (torch)
          add(`pytorch ${threads}`, run(PYTHON, [TORCH, dir, String(threads), prompt, String(NEW_TOKENS)]));
      }
    }
    const reference = results.get('glassbox 1')?.[0]?.ids;
    for (const [key, rs] of results) {
      const [impl, threadsText] = key.split(' ');
      const threads = Number(threadsText);
      const tps = median(rs.map((r) => r.tokensPerS));
      const same = reference ? rs[0].ids!.filter((id, i) => id === reference[i]).length : 0;
      emit({
        kernel: 'gpt2 generate',
        shape: [12, 12, 768, PROMPT.length, NEW_TOKENS],
        impl:
          impl === 'glassbox'
            ? threads > 1
              ? `glassbox ${threads} threads`
              : 'glassbox'
            : `pytorch 1.13 (${threads} thr)`,
        threads,
        ms: 1000 / tps,
        extra: {
          tokens_per_s: tps,
          load_ms: median(rs.map((r) => r.loadMs)),
          prompt_ms: median(rs.map((r) => r.promptMs ?? 0)),
          peak_mib: median(rs.map((r) => r.peakMiB)),
          same_tokens: same,
        },
      });
    }
    for (const threads of opts.quick ? [2] : [1, 2]) {
      const rs = Array.from({ length: opts.quick ? 1 : 2 }, () =>
        run(process.execPath, [CHILD, dir, String(threads), 'lora']),
      ).filter((r): r is RunResult => r !== undefined);
      if (rs.length === 0) continue;
      const ms = median(rs.map((r) => r.msPerStep!));
      emit({
        kernel: 'gpt2 lora step',
        shape: [12, 12, 768, 4, 128],
        impl: threads > 1 ? `glassbox ${threads} threads` : 'glassbox',
        threads,
        ms,
        extra: { tokens_per_s: (4 * 128 * 1000) / ms, peak_mib: median(rs.map((r) => r.peakMiB)) },
      });
    }
  },
};
