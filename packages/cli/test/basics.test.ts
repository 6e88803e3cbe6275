// The CLI's shell: version, help (and docs/cli.md made from it), the self-check, the benchmark's JSON lines, and bad input
// ending as one clear line with a non-zero exit (never a stack trace).

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { glassbox } from './run-cli.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

describe('glassbox CLI', () => {
  it('prints its version and help', () => {
    expect(glassbox(['--version']).stdout.trim()).toBe(pkg.version);
    const help = glassbox(['--help']);
    expect(help.status).toBe(0);
    for (const cmd of ['demo', 'selfcheck', 'bench'])
      expect(help.stdout).toMatch(new RegExp(`^\\s+${cmd}\\b`, 'm'));
  });

  it('has its reference in docs/cli.md, current with every command and flag', () => {
    const script = new URL('../../../scripts/cli-reference.mjs', import.meta.url).pathname;
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const committed = readFileSync(new URL('../../../docs/cli.md', import.meta.url), 'utf8');
    // When this fails after a change to a command: node scripts/cli-reference.mjs > docs/cli.md
    expect(committed).toBe(r.stdout);
  });

  it('runs the kernel self-check and reports every family ok', () => {
    const r = glassbox(['selfcheck', '--seed', '3']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/all 9 kernel families agree with the reference twin/);
    expect(r.stdout.match(/ ok$/gm)).toHaveLength(9);
  });

  it('prints benchmark rows as JSON lines with the documented fields', () => {
    const r = glassbox(['bench', '--quick', '--json', '--only', 'matmul']);
    expect(r.status).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(
        expect.arrayContaining(['kernel', 'shape', 'impl', 'threads', 'gflops', 'ms']),
      );
      expect(row.shape).toHaveLength(3);
      expect(row.gflops).toBeGreaterThan(0);
    }
    expect(new Set(rows.map((x) => x.kernel))).toEqual(
      new Set(['matmul NN', 'matmul NT', 'matmul TN', 'matmul thin NN']),
    );
    expect(rows.some((x) => x.impl === 'glassbox')).toBe(true);
    expect(rows.some((x) => x.impl === 'plain-js')).toBe(true);
    // Thin products also run with the thin path switched off: the general kernel, same shape.
    const thin = rows.filter((x) => x.kernel === 'matmul thin NN');
    expect(thin.some((x) => x.impl === 'general kernel')).toBe(true);
    expect(thin.some((x) => x.impl === 'glassbox')).toBe(true);
  });

  it('profiles the training bench: a table per thread count whose families add up to the step', () => {
    const r = glassbox(['bench', '--quick', '--json', '--only', 'train', '--profile']);
    expect(r.status).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const notes = lines.filter((l) => l.note !== undefined && / time goes/.test(l.note));
    const ceilingNotes = lines.filter((l) => l.note !== undefined && / the ceiling /.test(l.note));
    const rows = lines.filter((l) => l.kernel === 'train baby');
    const ours = rows.filter((x) => x.impl.startsWith('glassbox'));
    expect(ours.length).toBeGreaterThanOrEqual(1);
    expect(notes.length).toBe(ours.length);
    for (const row of rows) {
      // Model GFLOP/s = FLOPs per token times tokens/s; the baby recipe: 6·801,664 + 12·4·128·64.
      expect(row.extra.model_gflops_per_s).toBeCloseTo((row.extra.tokens_per_s * 5_203_200) / 1e9, 3);
    }
    // With PyTorch importable (CI installs it), its peer kept up beside ours answers every block.
    if (spawnSync('/usr/bin/python3', ['-c', 'import torch']).status === 0)
      expect(rows.filter((x) => x.impl.startsWith('pytorch')).map((x) => x.threads)).toEqual(
        ours.map((x) => x.threads),
      );
    // Each of our rows' share of the ceiling is the one its note reads from the ceiling's samples.
    expect(ceilingNotes.length).toBe(ours.length);
    ours.forEach((row, i) => {
      const m = ceilingNotes[i].note.match(
        /the ceiling (\d+\.\d) GFLOP\/s .* the median step (\d+\.\d) % of it/,
      );
      expect(m).not.toBeNull();
      expect(row.extra.pct_of_ceiling).toBeGreaterThan(0);
      expect(row.extra.pct_of_ceiling.toFixed(1)).toBe(m[2]);
      expect(row.extra.model_gflops_per_s / Number(m[1])).toBeCloseTo(row.extra.pct_of_ceiling / 100, 2);
    });
    for (const { section, note } of notes) {
      expect(section).toBe('train');
      expect(note).toMatch(/^train baby, \d threads?: where a step's time goes/);
      for (const family of ['matmul forward · mlp.c_fc', 'matmul backward · attn.c_attn', 'GELU', 'AdamW'])
        expect(note).toContain(family);
      const shares = [...note.matchAll(/ (\d+\.\d) % /g)].map((m) => Number(m[1]));
      const total = shares.reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThan(80);
      expect(total).toBeLessThan(120);
    }
  });

  it('rejects an unknown command, flag value or section with one line and a non-zero exit', () => {
    const unknown = glassbox(['frobnicate']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
    const badSeed = glassbox(['selfcheck', '--seed', 'abc']);
    expect(badSeed.status).toBe(1);
    expect(badSeed.stderr.trim()).toBe('error: --seed: expected an integer, got "abc"');
    const badSection = glassbox(['bench', '--only', 'nope']);
    expect(badSection.status).toBe(1);
    expect(badSection.stderr).toMatch(/^error: --only: unknown section nope; choose from matmul, rows/);
    for (const r of [unknown, badSeed, badSection]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
