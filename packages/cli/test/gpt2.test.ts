// GPT-2 folders as the Hub publishes them, through the commands: generate (stopping at the end
// token), eval, tokenize with the folder's tokenizer, and inspect (table, heat map, JSON whose loss
// is eval's). The folder is written here with the library's Hub-layout writer: GPT-2's real
// tokenizer, F16 weights without "transformer.", mask buffers, generation_config.json.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubConfigJSON, hubLayoutTensors, safetensorsParts } from '@glassbox/model/checkpoint';
import { GPT } from '@glassbox/model/gpt';
import { loadGpt2 } from '@glassbox/model/tokenizer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { glassbox } from './run-cli.js';

const config = { vocabSize: 50257, blockSize: 32, nLayer: 2, nHead: 2, nEmbd: 16 };
const EOT = 50256;
let root = '';
let dir = '';

async function writeHubFolder(at: string, model: GPT, opts: { eosFirst?: boolean } = {}): Promise<void> {
  await mkdir(at, { recursive: true });
  const w = (name: string) => model.params.get(name).data;
  if (opts.eosFirst) {
    // ln_f's output is its bias alone (weight 0): logits = bias · wteᵀ, largest for <|endoftext|>.
    w('ln_f.weight').fill(0);
    w('ln_f.bias').fill(0);
    w('ln_f.bias')[0] = 1;
    w('wte.weight')[EOT * config.nEmbd] = 50;
  }
  const parts = [...safetensorsParts(hubLayoutTensors(config, w, { dtype: 'F16' }), { format: 'pt' })];
  await writeFile(join(at, 'model.safetensors'), Buffer.concat(parts));
  await writeFile(join(at, 'config.json'), JSON.stringify(hubConfigJSON(config)));
  await writeFile(
    join(at, 'generation_config.json'),
    JSON.stringify({ bos_token_id: EOT, eos_token_id: EOT }),
  );
  await writeFile(join(at, 'tokenizer.json'), JSON.stringify((await loadGpt2()).toJSON()));
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'glassbox-cli-gpt2-'));
  dir = join(root, 'gpt2');
  await writeHubFolder(dir, await GPT.create(config, { seed: 3 }));
}, 60_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('Hub GPT-2 folders in the CLI', () => {
  it('generates, evaluates and tokenizes with the folder', async () => {
    const g = glassbox([
      'generate',
      dir,
      '--prompt',
      'Hello',
      '--max-tokens',
      '5',
      '--temperature',
      '0',
      '--show-probs',
      '--threads',
      '1',
    ]);
    expect(g.status, g.stderr).toBe(0);
    expect(g.stdout.match(/^"/gm)).toHaveLength(5);
    const text = join(root, 'text.txt');
    await writeFile(text, 'The quick brown fox jumps over the lazy dog.');
    const e = glassbox(['eval', dir, text, '--json', '--threads', '1']);
    expect(e.status, e.stderr).toBe(0);
    const ev = JSON.parse(e.stdout);
    expect(ev.tokens).toBe(9);
    const t = glassbox(['tokenize', '--tokenizer', dir, '--ids', 'The quick brown fox']);
    expect(t.stdout.trim()).toBe((await loadGpt2()).encode('The quick brown fox').join(' '));
    // inspect: its loss is eval's; the table, the heat map and the legend are drawn.
    const j = glassbox([
      'inspect',
      dir,
      'The quick brown fox jumps over the lazy dog.',
      '--json',
      '--layer',
      '1',
      '--head',
      '1',
      '--threads',
      '1',
    ]);
    expect(j.status, j.stderr).toBe(0);
    const r = JSON.parse(j.stdout);
    expect(r.tokens).toHaveLength(10);
    expect(r.loss).toBeCloseTo(ev.loss, 4);
    expect(r.attention[9].reduce((s: number, v: number) => s + v, 0)).toBeCloseTo(1, 5);
    const shown = glassbox(['inspect', dir, 'The quick brown fox', '--top', '2', '--threads', '1']);
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/#\s+token\s+p\s+−ln p\s+expected next \(p\)/);
    expect(shown.stdout).toMatch(/attention of layer 0, head 0/);
    expect(shown.stdout).toMatch(/^\s+0 "The"\s+│(██|▓▓|▒▒|░░)/m);
    expect(shown.stdout).toMatch(/shades: ██ ≥ 0\.7/);
    const bad = glassbox(['inspect', dir, 'hi', '--layer', '2']);
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toBe('error: --layer: this model has layers 0…1');
  }, 120_000);

  it('stops at the end-of-text token unless told not to', async () => {
    const eos = join(root, 'eos');
    await writeHubFolder(eos, await GPT.create(config, { seed: 4 }), { eosFirst: true });
    const greedy = (...extra: string[]) =>
      glassbox([
        'generate',
        eos,
        '--prompt',
        'Hi',
        '--max-tokens',
        '6',
        '--temperature',
        '0',
        '--show-probs',
        '--threads',
        '1',
        ...extra,
      ]);
    const stopped = greedy();
    expect(stopped.status, stopped.stderr).toBe(0);
    expect(stopped.stdout.match(/^"<\|endoftext\|>"/gm)).toHaveLength(1);
    const going = greedy('--no-stop');
    expect(going.stdout.match(/^"<\|endoftext\|>"/gm)).toHaveLength(6);
  }, 60_000);

  it('refuses a pickle with one line saying how to convert it', async () => {
    const pickled = join(root, 'pickled');
    await mkdir(pickled);
    await writeFile(join(pickled, 'config.json'), JSON.stringify(hubConfigJSON(config)));
    await writeFile(join(pickled, 'pytorch_model.bin'), Buffer.from([0x80, 0x02]));
    const r = glassbox(['generate', pickled]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/pytorch_model.bin is a Python pickle.*convert it to model.safetensors/);
  });
});
