// `glassbox data prepare INPUT… --out DIR`: FineWeb-style curation of files and folders (text,
// JSONL, HTML; .gz too) into DIR/clean.jsonl, removed.jsonl and stats.json, and with --tokenizer
// train/validation token shards. Progress per stage while it runs; a summary of what each stage
// removed and why at the end. Problems in the input are listed and skipped, never fatal.

import { GlassboxError } from '@glassbox/model';
import { prepareData } from '@glassbox/model/node';
import type { Command } from 'commander';
import pc from 'picocolors';
import { ProgressLine } from '../ui/progress.js';
import { action } from '../ui/run.js';
import { renderDataReport, renderIssues } from './data-report.js';

interface PrepareFlags {
  out: string;
  tokenizer?: string;
  valFraction: string;
  seed: string;
  textField: string;
  format?: 'text' | 'jsonl' | 'html';
  dedup: boolean;
  filters: boolean;
}

export function registerDataPrepare(data: Command): void {
  data
    .command('prepare')
    .description('clean, filter (FineWeb defaults) and deduplicate text; optionally tokenize into shards')
    .argument('<inputs...>', 'files or folders: .txt, .jsonl, .html (also .gz)')
    .requiredOption('--out <dir>', 'output folder')
    .option('--tokenizer <spec>', 'write token shards with: a tokenizer.json file, char, word:N or bpe:N')
    .option('--val-fraction <f>', 'share of documents for validation', '0.1')
    .option('--seed <n>', 'seed for the split and MinHash', '1')
    .option('--text-field <name>', 'JSONL field holding the text (dotted paths allowed)', 'text')
    .option('--format <format>', 'read every input as text, jsonl or html (default: by extension)')
    .option('--no-dedup', 'skip exact and near-duplicate removal')
    .option('--no-filters', 'skip the quality filters (normalize and dedup only)')
    .action(
      action(async (inputs: string[], flags: PrepareFlags) => {
        const seed = Number(flags.seed);
        if (!Number.isInteger(seed))
          throw new GlassboxError(`expected an integer, got "${flags.seed}"`, '--seed');
        const valFraction = Number(flags.valFraction);
        if (!(valFraction >= 0 && valFraction < 1))
          throw new GlassboxError(
            `expected a number from 0 to below 1, got "${flags.valFraction}"`,
            '--val-fraction',
          );
        if (flags.format && !['text', 'jsonl', 'html'].includes(flags.format))
          throw new GlassboxError(`expected text, jsonl or html, got "${flags.format}"`, '--format');

        const line = new ProgressLine(process.stderr, 5_000);
        const started = Date.now();
        const stats = await prepareData(inputs, {
          out: flags.out,
          tokenizer: flags.tokenizer,
          valFraction,
          seed,
          textField: flags.textField,
          format: flags.format,
          exactDedup: flags.dedup,
          minhash: flags.dedup ? {} : false,
          filters: flags.filters
            ? {}
            : { gopherRepetition: false, gopherQuality: false, c4: false, fineweb: false },
          onProgress: (p) => {
            const secs = (Date.now() - started) / 1000;
            const m = p.metrics ?? {};
            if (p.stage === 'curate') {
              const pct = p.total ? `${Math.round((100 * p.done) / p.total)}%` : '';
              const speed = `${(p.done / 1e6 / Math.max(secs, 1e-3)).toFixed(1)} MB/s`;
              line.update(
                `curate ${pct}  ${speed}  kept ${m.kept}  removed ${m.removed}  issues ${m.issues}`,
              );
            } else if (p.stage === 'tokenizer')
              line.update(p.message ?? `tokenizer: ${m.vocabSize} ids`, true);
            else line.update(`shards ${p.done}/${p.total} documents`);
          },
        });
        line.clear();
        for (const issue of renderIssues(stats)) console.error(`${pc.yellow('warning:')} ${issue}`);
        console.log(renderDataReport(stats));
        console.log(
          `\nwrote ${flags.out}/ (clean.jsonl, removed.jsonl, stats.json${stats.output.train ? ', tokenizer.json, shards' : ''}) in ${stats.seconds.toFixed(1)} s`,
        );
      }),
    );
}
