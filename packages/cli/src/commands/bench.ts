// `glassbox bench`: every benchmark section, printed side by side with the peers measured in the
// same run (as ratios), or as JSON lines with --json. Medians after warm-up, single-threaded.

import type { Command } from 'commander';
import { dataSection } from '../bench/data.js';
import { finetuneSection } from '../bench/finetune.js';
import { gpt2Section } from '../bench/gpt2.js';
import { kernelSections } from '../bench/kernels.js';
import { tokenizerSection } from '../bench/tokenizer.js';
import { trainSection } from '../bench/train.js';
import type { BenchRow, BenchSection } from '../bench/types.js';
import { word2vecSections } from '../bench/word2vec.js';
import { action } from '../ui/run.js';
import { fmt, formatTable } from '../ui/table.js';

export const sections: BenchSection[] = [
  ...kernelSections,
  trainSection,
  dataSection,
  tokenizerSection,
  ...word2vecSections,
  finetuneSection,
  gpt2Section,
];

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description('benchmark the kernels (and peers, side by side) — medians after warm-up')
    .option('--json', 'print JSON lines { kernel, shape, impl, threads, gflops, ms } instead of tables')
    .option('--quick', 'fewer shapes and repetitions (a smoke run)')
    .option('--only <names>', `comma-separated sections: ${sections.map((s) => s.name).join(', ')}`)
    .option('--profile', "train: also print where each recipe's step time goes (kernel families, GFLOP/s)")
    .action(
      action(async (opts: { json?: boolean; quick?: boolean; only?: string; profile?: boolean }) => {
        const wanted = opts.only?.split(',').map((s) => s.trim());
        const unknown = wanted?.filter((w) => !sections.some((s) => s.name === w)) ?? [];
        if (unknown.length) {
          const { GlassboxError } = await import('@glassbox/model');
          throw new GlassboxError(
            `unknown section ${unknown.join(', ')}; choose from ${sections.map((s) => s.name).join(', ')}`,
            '--only',
          );
        }
        for (const section of sections.filter((s) => !wanted || wanted.includes(s.name))) {
          const rows: BenchRow[] = [];
          const notes: string[] = [];
          if (!opts.json) process.stderr.write(`running ${section.name}…\n`);
          const note = (text: string) => {
            if (opts.json) console.log(JSON.stringify({ section: section.name, note: text }));
            else notes.push(text);
          };
          await section.run({ quick: !!opts.quick, profile: !!opts.profile, note }, (row) => {
            rows.push(row);
            if (opts.json) console.log(JSON.stringify(row));
          });
          if (!opts.json)
            console.log(
              [`\n## ${section.name}: ${section.description}\n`, renderSection(rows), ...notes, ''].join(
                '\n\n',
              ),
            );
        }
      }),
    );
}

/**
 * One line per (kernel, shape): each implementation's figure, then how many times faster the best
 * glassbox variant (any thread count) is than each peer. Extra figures (tokens/s, MB/s, …) get a
 * column per implementation that reports them.
 */
export function renderSection(rows: BenchRow[]): string {
  const impls = [...new Set(rows.map((r) => r.impl))];
  const ours = (impl: string) => impl.startsWith('glassbox');
  const peers = impls.filter((i) => !ours(i));
  const useGflops = rows.every((r) => r.gflops !== undefined);
  const groups = new Map<string, BenchRow[]>();
  for (const r of rows) {
    const key = `${r.kernel}|${r.shape.join('×')}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const unit = useGflops ? 'GFLOP/s' : 'ms';
  const extras = [...new Set(rows.flatMap((r) => Object.keys(r.extra ?? {})))].flatMap((e) =>
    impls
      .filter((i) => rows.some((r) => r.impl === i && r.extra?.[e] !== undefined))
      .map((i) => [e, i] as const),
  );
  const label = (e: string) =>
    e
      .replace(/_/g, ' ')
      .replace(/ per s$/, '/s')
      .replace(/^pct /, '% ');
  const headers = [
    'kernel',
    'shape',
    ...impls.map((i) => `${i} ${unit}`),
    ...extras.map(([e, i]) => `${i} ${label(e)}`),
    ...peers.map((p) => `× ${p}`),
  ];
  const table = [...groups.values()].map((g) => {
    const by = (impl: string) => g.find((r) => r.impl === impl);
    const value = (r?: BenchRow) => (r ? (useGflops ? r.gflops : r.ms) : undefined);
    const best = g.filter((r) => ours(r.impl)).sort((a, b) => a.ms - b.ms)[0];
    return [
      g[0].kernel,
      g[0].shape.join('×'),
      ...impls.map((i) => fmt(value(by(i)))),
      ...extras.map(([e, i]) => fmt(by(i)?.extra?.[e])),
      ...peers.map((p) => {
        const peer = by(p);
        return best && peer ? `${fmt(peer.ms / best.ms, 2)}×` : '—';
      }),
    ];
  });
  return formatTable(headers, table);
}
