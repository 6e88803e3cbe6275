// `glassbox finetune`, `compare` and `chat` end to end on a tiny base model: the files a run writes,
// resuming, LoRA's adapter files, Ctrl-C, continued pretraining on text, JSONL data, the side-by-side
// comparison, a piped chat, and bad input ending as one clear line with a non-zero exit.

import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { glassbox } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'glassbox-finetune-'));
const text = join(dir, 'text.txt');
const letters = 'abcdefghijklmnopqrstuvwxyz';
writeFileSync(
  text,
  `The cat sat on the mat. ${letters} ${letters.toUpperCase()} 0123456789 "Why?" she said: yes, no. `.repeat(
    30,
  ),
);
const base = join(dir, 'base');
const quick = ['--max-steps', '12', '--eval-interval', '6', '--eval-batches', '2', '--batch-size', '4'];
/** `glassbox finetune BASE --data builtin --out OUT …` */
const builtinRun = (out: string, ...more: string[]) => [
  'finetune',
  base,
  '--data',
  'builtin',
  '--out',
  out,
  ...more,
];

function metrics(path: string): { step: number; val_loss?: number }[] {
  return readFileSync(join(path, 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

beforeAll(() => {
  const tiny = [
    '--n-layer',
    '1',
    '--n-head',
    '2',
    '--n-embd',
    '16',
    '--block-size',
    '64',
    '--batch-size',
    '4',
  ];
  const r = glassbox([
    'train',
    '--data',
    text,
    '--out',
    base,
    ...tiny,
    '--max-steps',
    '10',
    '--eval-interval',
    '0',
  ]);
  expect(r.status, r.stderr).toBe(0);
});

describe('glassbox finetune', () => {
  const ft = join(dir, 'ft');

  it('fine-tunes on the built-in instruction set: chat tokens added, evaluations, a complete checkpoint', () => {
    const r = glassbox(builtinRun(ft, ...quick));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /added <\|system\|> \(\d+\) <\|user\|> \(\d+\) <\|assistant\|> \(\d+\) <\|end\|> \(\d+\)/,
    );
    expect(r.stdout).toMatch(/supervised fine-tuning of .*every weight/);
    expect(r.stdout).toMatch(/answers to validation prompts/);
    for (const f of [
      'config.json',
      'model.safetensors',
      'tokenizer.json',
      'tokenizer_config.json',
      'trainer.json',
    ])
      expect(existsSync(join(ft, 'checkpoint', f)), f).toBe(true);
    const m = metrics(ft);
    expect(m.map((x) => x.step)).toEqual(Array.from({ length: 13 }, (_, i) => i));
    expect(m.filter((x) => x.val_loss !== undefined).map((x) => x.step)).toEqual([0, 6, 12]);
  });

  it('resumes to more steps without repeating any', () => {
    const r = glassbox(['finetune', '--resume', ft, '--max-steps', '15']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/resuming .* at step 12 of 15/);
    expect(metrics(ft).map((x) => x.step)).toEqual(Array.from({ length: 16 }, (_, i) => i));
  });

  it('trains LoRA adapters, saves them in PEFT files beside the merged model, and resumes them', () => {
    const out = join(dir, 'lora');
    const r = glassbox(builtinRun(out, '--lora', '--rank', '2', '--alpha', '4', ...quick));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/LoRA rank 2, alpha 4 on attn.c_attn, attn.c_proj, mlp.c_fc, mlp.c_proj/);
    const cfg = JSON.parse(readFileSync(join(out, 'checkpoint', 'adapter_config.json'), 'utf8'));
    expect(cfg).toMatchObject({ peft_type: 'LORA', r: 2, lora_alpha: 4 });
    const again = glassbox(['finetune', '--resume', out, '--max-steps', '14']);
    expect(again.status, again.stderr).toBe(0);
    expect(metrics(out).at(-1)!.step).toBe(14);
  });

  it('saves a checkpoint on Ctrl-C and exits cleanly', async () => {
    const out = join(dir, 'interrupted');
    const main = new URL('../dist/main.js', import.meta.url).pathname;
    const args = builtinRun(out, '--max-steps', '100000', '--eval-interval', '0');
    const child = spawn(process.execPath, [main, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    let interrupted = false;
    const watch = (d: Buffer) => {
      output += d;
      if (!interrupted && /step \d+\/100000/.test(output)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    };
    child.stdout.on('data', watch);
    child.stderr.on('data', watch);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(output).toMatch(/stopped at step \d+; checkpoint saved/);
    expect(JSON.parse(readFileSync(join(out, 'checkpoint', 'trainer.json'), 'utf8')).step).toBeGreaterThan(0);
  });

  it('reads {prompt, response} JSONL, and continues pretraining on text (optionally keeping the optimizer)', () => {
    const pairs = join(dir, 'pairs.jsonl');
    writeFileSync(pairs, `${JSON.stringify({ prompt: 'Why?', response: 'yes' })}\n`.repeat(20));
    const r = glassbox([
      'finetune',
      base,
      '--data',
      pairs,
      '--out',
      join(dir, 'pairs'),
      '--threads',
      '1',
      ...quick,
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/pairs.jsonl: 20 conversations → 18 train \/ 2 validation examples/);
    expect(r.stdout).toMatch(/kernels: WebAssembly SIMD on 1 thread\n/);
    const t = glassbox([
      'finetune',
      base,
      '--data',
      text,
      '--out',
      join(dir, 'text'),
      '--keep-optimizer',
      ...quick,
    ]);
    expect(t.status, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/continued pretraining on .*text.txt/);
  });

  it('refuses bad input with one line and a non-zero exit', () => {
    const badJsonl = join(dir, 'bad.jsonl');
    writeFileSync(badJsonl, '{"prompt": "a", "response": "b"}\n{"prompt": "a"}\n');
    const cases: [string[], RegExp][] = [
      [['finetune', base, '--out', join(dir, 'x')], /--data: required/],
      [
        ['finetune', base, '--data', join(dir, 'none.jsonl'), '--out', join(dir, 'x')],
        /none.jsonl: no such conversations file/,
      ],
      [
        ['finetune', base, '--data', badJsonl, '--out', join(dir, 'x')],
        /bad.jsonl:2: missing text "response"/,
      ],
      [builtinRun(ft), /already holds a run; continue it with --resume/],
      [
        builtinRun(join(dir, 'x'), '--lora', '--rank', '0'),
        /--rank: rank must be a whole number from 1 to 16/,
      ],
      [
        builtinRun(join(dir, 'x'), '--lora', '--lora-targets', 'mlp.up'),
        /--lora-targets: unknown layer mlp.up/,
      ],
      [builtinRun(join(dir, 'x'), '--keep-optimizer'), /--keep-optimizer: only full continued pretraining/],
      [['finetune', '--resume', base], /not a fine-tuning run folder/],
      [
        ['finetune', '--resume', ft, '--max-steps', '3'],
        /this run has finished: it is at step \d+ of 3; raise --max-steps/,
      ],
      [['train', '--resume', ft], /this is a fine-tuning run; continue it with glassbox finetune --resume/],
      [['finetune'], /give the base checkpoint folder, or --resume DIR/],
      [['chat', base], /has no chat tokens .* fine-tune it for chat first/],
      [['compare', base, ft, '--prompts', join(dir, 'nope.txt')], /nope.txt: no such prompts file/],
      [['compare', ft, base, '--prompts', 'builtin'], /base: this model's tokenizer has no chat tokens/],
    ];
    // Another base of the same shape (one weight changed), and one with another block size.
    const other = join(dir, 'other-base');
    cpSync(join(base, 'checkpoint'), other, { recursive: true });
    const weights = readFileSync(join(other, 'model.safetensors'));
    weights[weights.length - 4] ^= 1; // the lowest mantissa bit of the last weight
    writeFileSync(join(other, 'model.safetensors'), weights);
    const narrow = join(dir, 'narrow-base');
    const tinyNarrow = ['--n-layer', '1', '--n-head', '2', '--n-embd', '16', '--block-size', '32'];
    const n = glassbox([
      'train',
      '--data',
      text,
      '--out',
      narrow,
      ...tinyNarrow,
      '--max-steps',
      '1',
      '--eval-interval',
      '0',
    ]);
    expect(n.status, n.stderr).toBe(0);
    cases.push(
      [
        ['compare', other, ft, '--prompts', 'builtin'],
        /TUNED was fine-tuned from .*base.*, not from these weights/,
      ],
      [['compare', narrow, ft, '--prompts', 'builtin'], /blockSize is 64 in TUNED but 32 in BASE/],
    );
    for (const [args, message] of cases) {
      const r = glassbox(args);
      expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('glassbox compare and chat', () => {
  const ft = join(dir, 'ft');

  it('answers the same prompts with both models and reports the held-out reply loss of each', () => {
    const r = glassbox(['compare', base, ft, '--prompts', 'builtin', '--show', '2', '--max-tokens', '5']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/prompt\s+base\s+fine-tuned/);
    expect(r.stdout).toMatch(
      /held-out reply loss \(200 conversations, \d+ reply tokens\): base [\d.]+ → fine-tuned [\d.]+/,
    );
    expect(r.stdout).toMatch(/answered exactly right \(greedy\): base 0.0 % → fine-tuned [\d.]+ %/);
    const j = JSON.parse(
      glassbox(['compare', base, ft, '--prompts', 'builtin', '--show', '1', '--json']).stdout,
    );
    expect(j.rows).toHaveLength(1);
    expect(j.heldOut.tuned).toBeLessThan(j.heldOut.base);
    const prompts = join(dir, 'prompts.txt');
    writeFileSync(prompts, 'Shout "cat".\n\nWhat is 2 plus 2?\n');
    const p = glassbox(['compare', base, ft, '--prompts', prompts, '--json']);
    expect(JSON.parse(p.stdout).rows.map((x: { prompt: string }) => x.prompt)).toEqual([
      'Shout "cat".',
      'What is 2 plus 2?',
    ]);
  });

  it('chats over piped lines, one reply per message, and ends at end of input', () => {
    const r = glassbox(['chat', ft, '--max-tokens', '6', '--seed', '3'], {
      input: 'Shout "cat".\n\nWhat is 2 plus 2?\n',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(2);
    const again = glassbox(['chat', ft, '--max-tokens', '6', '--seed', '3'], {
      input: 'Shout "cat".\n\nWhat is 2 plus 2?\n',
    });
    expect(again.stdout).toBe(r.stdout);
    // A message longer than the block is refused in place; the chat goes on.
    const long = glassbox(['chat', ft, '--max-tokens', '4'], { input: `${'a'.repeat(80)}\nShout "cat".\n` });
    expect(long.status, long.stderr).toBe(0);
    const lines = long.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe("(that message is too long for this model's block of 64 tokens; shorten it)");
    expect(lines).toHaveLength(2);
    // A message the tokenizer cannot encode (a character it never saw) is answered in place too.
    const odd = glassbox(['chat', ft, '--max-tokens', '4'], { input: 'Shout 🦜.\nShout "cat".\n' });
    expect(odd.status, odd.stderr).toBe(0);
    const oddLines = odd.stdout.trimEnd().split('\n');
    expect(oddLines[0]).toMatch(/^\(the user message cannot be encoded .*; try other words\)$/);
    expect(oddLines).toHaveLength(2);
  });
});

describe('glassbox bench --only finetune', () => {
  it('times an SFT step on the baby model with every weight and with LoRA', () => {
    const r = glassbox(['bench', '--quick', '--json', '--only', 'finetune']);
    expect(r.status, r.stderr).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.map((x) => x.kernel)).toEqual(['sft step, every weight', 'sft step, LoRA r8']);
    for (const row of rows) {
      expect(row.shape).toEqual([4, 4, 128, 64, 12]);
      expect(row.ms).toBeGreaterThan(0);
      expect(row.extra.steps_per_s).toBeCloseTo(1000 / row.ms, 6);
    }
  });
});
