// `glassbox train`, `generate` and `eval` end to end on a tiny model and a small text: the files a
// run writes, resuming, Ctrl-C, seeded generation, and bad input ending as one clear line.

import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { glassbox } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'glassbox-train-'));
const text = join(dir, 'text.txt');
writeFileSync(text, 'the cat sat on the mat. the dog sat on the log. '.repeat(80));
const tiny = ['--n-layer', '1', '--n-head', '2', '--n-embd', '16', '--block-size', '16', '--batch-size', '4'];
const run = join(dir, 'run');

function metrics(path: string): { step: number; loss?: number; val_loss?: number }[] {
  return readFileSync(join(path, 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('glassbox train', () => {
  it('trains, logs every step, evaluates, checkpoints, and the loss falls', () => {
    const r = glassbox([
      'train',
      '--data',
      text,
      '--out',
      run,
      ...tiny,
      '--max-steps',
      '30',
      '--eval-interval',
      '10',
      '--eval-batches',
      '2',
      '--lr',
      '0.01',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`vocabulary ${new Set(readFileSync(text, 'utf8')).size}\\b`)); // its distinct characters
    expect(r.stdout).toMatch(/sample before training: /);
    expect(r.stdout).toMatch(/sample after training: /);
    for (const f of [
      'config.json',
      'model.safetensors',
      'tokenizer.json',
      'optimizer.safetensors',
      'trainer.json',
    ]) {
      expect(existsSync(join(run, 'checkpoint', f)), f).toBe(true);
    }
    const m = metrics(run);
    expect(m.map((x) => x.step)).toEqual(Array.from({ length: 31 }, (_, i) => i));
    const vals = m.filter((x) => x.val_loss !== undefined).map((x) => x.val_loss!);
    expect(vals).toHaveLength(4); // steps 0, 10, 20, 30
    expect(vals[3]).toBeLessThan(vals[0] - 0.3);
  });

  it('resumes to more steps without repeating any', () => {
    const r = glassbox(['train', '--resume', run, '--max-steps', '40']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/resuming .* at step 30 of 40/);
    expect(metrics(run).map((x) => x.step)).toEqual(Array.from({ length: 41 }, (_, i) => i));
  });

  it('records the data by absolute path and hash, and refuses to resume on changed data unless allowed', () => {
    const state = JSON.parse(readFileSync(join(run, 'checkpoint', 'trainer.json'), 'utf8'));
    expect(state.run).toMatchObject({
      kind: 'pretrain',
      corpus: { kind: 'file', path: text, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    const copy = join(dir, 'run-changed');
    cpSync(run, copy, { recursive: true });
    const changed = join(dir, 'changed.txt');
    writeFileSync(changed, readFileSync(text, 'utf8').replace('cat', 'act'));
    const before = readFileSync(join(copy, 'metrics.jsonl'), 'utf8');
    const r = glassbox(['train', '--resume', copy, '--data', changed, '--max-steps', '42']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /changed\.txt: this is not the data the run trained on: its content changed since/,
    );
    expect(readFileSync(join(copy, 'metrics.jsonl'), 'utf8')).toBe(before); // refused before touching anything
    const ok = glassbox([
      'train',
      '--resume',
      copy,
      '--data',
      changed,
      '--allow-changed-data',
      '--max-steps',
      '42',
    ]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/done: 42 steps/);
  });

  it('refuses to resume a finished run without more steps', () => {
    const r = glassbox(['train', '--resume', run]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/this run has finished: it is at step 40 of 40; raise maxSteps/);
  });

  it('saves a checkpoint on Ctrl-C and exits cleanly; the run then resumes', async () => {
    const out = join(dir, 'interrupted');
    const main = new URL('../dist/main.js', import.meta.url).pathname;
    const child = spawn(
      process.execPath,
      [main, 'train', '--data', text, '--out', out, ...tiny, '--max-steps', '100000', '--eval-interval', '0'],
      {
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    let output = '';
    let interrupted = false;
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
      if (!interrupted && /step \d+\/100000/.test(output)) {
        interrupted = true; // once: a second Ctrl-C quits without saving
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(output).toMatch(/stopped at step (\d+); checkpoint saved/);
    const state = JSON.parse(readFileSync(join(out, 'checkpoint', 'trainer.json'), 'utf8'));
    expect(state.step).toBeGreaterThan(0);
    const r = glassbox(['train', '--resume', out, '--max-steps', String(state.step + 2)]);
    expect(r.status, r.stderr).toBe(0);
    expect(metrics(out).at(-1)!.step).toBe(state.step + 2);
  });
});

describe('glassbox train --profile', () => {
  it("prints each step's time by kernel family and a table of medians at the end", () => {
    const out = join(dir, 'profiled');
    const flags =
      'train --data toy --max-steps 3 --eval-interval 0 --n-layer 1 --n-head 2 --n-embd 16 --block-size 16 --batch-size 4 --profile';
    const r = glassbox([...flags.split(' '), '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const all = r.stdout + r.stderr;
    expect(all.match(/^profile step \d+: [\d.]+ ms — /gm)).toHaveLength(3);
    expect(all).toMatch(/where a step's time goes \(median of 2 steps: [\d.]+ ms per step\)/);
    for (const family of [
      'matmul forward · mlp.c_fc',
      'matmul backward · attn.c_attn',
      'attention forward',
      'AdamW',
      'JavaScript between calls',
    ])
      expect(all).toContain(family);
    expect(all).toMatch(/matmul forward · lm_head\s+1\s+[\d.]+\s+[\d.]+ %\s+[\d.]+/);
  });
});

describe('glassbox generate and eval', () => {
  it('generates reproducibly for a seed and shows probabilities', () => {
    const a = glassbox(['generate', run, '--prompt', 'the ', '--max-tokens', '20', '--seed', '3']);
    const b = glassbox(['generate', run, '--prompt', 'the ', '--max-tokens', '20', '--seed', '3']);
    expect(a.status, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.startsWith('the ')).toBe(true);
    expect(a.stdout.trimEnd().length).toBe(24);
    const p = glassbox(['generate', run, '--prompt', 'the ', '--max-tokens', '3', '--show-probs']);
    expect(p.stdout).toMatch(/token\s+p\s+−ln p\s+top candidates/);
    expect(p.stdout.trim().split('\n')).toHaveLength(2 + 2 + 3);
  });

  it('reports loss, perplexity and bits per byte, consistent with each other', () => {
    const r = glassbox(['eval', run, text, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(e.perplexity).toBeCloseTo(Math.exp(e.loss), 6);
    expect(e.bits_per_byte).toBeCloseTo((e.loss * e.tokens) / (Math.LN2 * e.bytes), 6);
    expect(e.tokens).toBe(readFileSync(text, 'utf8').length - 1);
  });

  it('refuses bad input with one line and a non-zero exit', () => {
    const cases: [string[], RegExp][] = [
      [
        ['train', '--data', join(dir, 'missing.txt'), '--out', join(dir, 'x')],
        /missing.txt: no such training text file/,
      ],
      [['train', '--data', text, '--out', run], /already holds a training run; continue it with --resume/],
      [
        ['train', '--data', text, '--out', join(dir, 'y'), '--n-head', '3', '--n-embd', '16'],
        /nEmbd \(16\) must be divisible by nHead \(3\)/,
      ],
      [['train', '--preset', 'huge'], /unknown preset "huge"/],
      [['train', '--resume', dir], /not a checkpoint: no config.json/],
      [
        ['generate', run, '--prompt', 't'.repeat(17)],
        /--prompt: is 17 tokens but this model reads at most 16/,
      ],
      [['generate', run, '--prompt', 'Z'], /cannot be encoded with this model's tokenizer/],
      [['generate', run, '--temperature', '-1'], /--temperature: expected a number ≥ 0/],
      [['eval', run, join(dir, 'nope.txt')], /nope.txt: no such text file/],
    ];
    for (const [args, message] of cases) {
      const r = glassbox(args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('trains on a `data prepare` folder of shards (one document: no validation split)', () => {
    const prepared = join(dir, 'prepared');
    const p = glassbox(['data', 'prepare', text, '--out', prepared, '--tokenizer', 'char', '--no-filters']);
    expect(p.status, p.stderr).toBe(0);
    const r = glassbox([
      'train',
      '--data',
      prepared,
      '--out',
      join(dir, 'from-shards'),
      ...tiny,
      '--max-steps',
      '3',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/train \/ 0 validation tokens/);
    expect(existsSync(join(dir, 'from-shards', 'checkpoint', 'model.safetensors'))).toBe(true);
  });

  it('reads settings from a JSON config file and refuses unknown keys', () => {
    const good = join(dir, 'good.json');
    writeFileSync(
      good,
      JSON.stringify({
        nLayer: 1,
        nHead: 2,
        nEmbd: 16,
        blockSize: 16,
        batchSize: 2,
        maxSteps: 2,
        evalInterval: 0,
      }),
    );
    const r = glassbox(['train', '--data', text, '--out', join(dir, 'cfg'), '--config', good]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/model: 1 layers, 2 heads, 16 wide, block 16/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ nLayers: 2 }));
    const b = glassbox(['train', '--data', text, '--out', join(dir, 'cfg2'), '--config', bad]);
    expect(b.stderr).toMatch(/bad.json: unknown setting "nLayers"/);
  });
});
