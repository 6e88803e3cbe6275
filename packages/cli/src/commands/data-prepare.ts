// `glassbox data prepare INPUT… --out DIR`: FineWeb-style curation of files and folders (text,
// JSONL, HTML, parquet, WARC/WET; .gz too) into DIR/clean.jsonl, removed.jsonl and stats.json, and
// with --tokenizer train/validation token shards. Progress while it runs (share read, MB/s of
// input, memory); at the end the funnel per stage with its MB/s, and what each stage removed and
// why. Problems in the input are listed and skipped, never fatal.

import { availableParallelism } from 'node:os';
import { GlassboxError } from '@glassbox/model';
import { INPUT_FORMATS, type InputFormat } from '@glassbox/model/data';
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
  format?: InputFormat;
  dedup: boolean;
  filters: boolean;
  force?: boolean;
  urlFilter: boolean;
  urlBlocklist?: string;
  extract: boolean;
  language: string | false;
  languageThreshold: string;
  languageModel?: string;
  threads?: string;
}

export function registerDataPrepare(data: Command): void {
  data
    .command('prepare')
    .description('clean, filter (FineWeb defaults) and deduplicate text; optionally tokenize into shards')
    .argument('<inputs...>', 'files or folders: .txt, .jsonl, .html, .parquet, .warc, .wet (also .gz)')
    .requiredOption('--out <dir>', 'output folder (new or empty)')
    .option('--force', 'replace an output folder that already holds files')
    .option('--tokenizer <spec>', 'write token shards with: a tokenizer.json file, char, word:N or bpe:N')
    .option('--val-fraction <f>', 'share of documents for validation', '0.1')
    .option('--seed <n>', 'seed for the split and MinHash', '1')
    .option('--text-field <name>', 'JSONL field or parquet column holding the text', 'text')
    .option('--format <format>', `read every input as ${INPUT_FORMATS.join(', ')} (default: by extension)`)
    .option(
      '--url-blocklist <file>',
      'blocked domains and URL words, one a line (default: a small example list)',
    )
    .option('--no-url-filter', 'skip the URL filter')
    .option(
      '--no-extract',
      'read web pages with the simple extractor (all visible text) instead of main content',
    )
    .option('--language <codes>', 'languages to keep, comma-separated fastText labels', 'en')
    .option('--no-language', 'skip language identification')
    .option('--language-threshold <p>', 'lowest language probability kept', '0.65')
    .option('--language-model <file>', 'another fastText language model (default: lid.176.ftz)')
    .option('--threads <n>', 'worker threads judging documents (default: every core; the output is the same)')
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
        if (flags.format && !INPUT_FORMATS.includes(flags.format))
          throw new GlassboxError(`expected ${INPUT_FORMATS.join(', ')}, got "${flags.format}"`, '--format');
        const threshold = Number(flags.languageThreshold);
        if (!(threshold >= 0 && threshold <= 1))
          throw new GlassboxError(
            `expected a probability from 0 to 1, got "${flags.languageThreshold}"`,
            '--language-threshold',
          );

        const cores = availableParallelism();
        const threads = flags.threads === undefined ? cores : Number(flags.threads);
        if (!Number.isInteger(threads) || threads < 1 || threads > cores)
          throw new GlassboxError(
            `expected a whole number from 1 to ${cores} (the cores here), got "${flags.threads}"`,
            '--threads',
          );
        const line = new ProgressLine(process.stderr, 5_000);
        const started = Date.now();
        const stats = await prepareData(inputs, {
          out: flags.out,
          force: flags.force,
          threads,
          urlBlockList: flags.urlFilter ? flags.urlBlocklist : false,
          extract: flags.extract ? {} : false,
          language:
            flags.language === false
              ? false
              : {
                  languages: flags.language.split(',').map((l) => l.trim()),
                  threshold,
                  modelPath: flags.languageModel,
                },
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
            if (p.stage === 'curate' && p.message) line.update(p.message, true);
            else if (p.stage === 'curate') {
              const pct = p.total ? `${Math.round((100 * p.done) / p.total)}%` : '';
              const speed = `${(p.done / 1e6 / Math.max(secs, 1e-3)).toFixed(1)} MB/s`;
              const mem = m.rss ? `  ${Math.round(Number(m.rss) / 2 ** 20)} MiB` : '';
              line.update(
                `curate ${pct}  ${speed}${mem}  kept ${m.kept}  removed ${m.removed}  issues ${m.issues}`,
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
