// `glassbox train`: pretrain a GPT by next-token prediction. Settings come from flags over a JSON
// config over a preset; progress shows step, loss, validation loss, tokens/s and ETA; every step
// goes to DIR/metrics.jsonl; checkpoints land in DIR/checkpoint every N steps and at the end
// (atomically); Ctrl-C saves one and stops; --resume DIR continues exactly where it stopped.

import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { createKernels, type Kernels } from '@glassbox/core-wasm';
import { GlassboxError } from '@glassbox/model';
import { loadCheckpoint } from '@glassbox/model/checkpoint';
import type { GPT } from '@glassbox/model/gpt';
import {
  checkOutput,
  corpusTokens,
  openCheckpointDir,
  openCorpus,
  readTextFile,
  reopenCorpus,
  TOKENIZER_SPEC_HELP,
  writeCheckpointDir,
} from '@glassbox/model/node';
import {
  formatDuration,
  isBuiltInCorpus,
  type Pretraining,
  pretrainingCheckpoint,
  pretrainRecordOf,
  resumePretraining,
  sampleText,
  startPretraining,
  type TrainingTokens,
} from '@glassbox/model/run';
import type { Tokenizer } from '@glassbox/model/tokenizer';
import {
  DEFAULT_TRAIN_CONFIG,
  evaluateTokens,
  perplexity,
  type TrainConfig,
  type Trainer,
} from '@glassbox/model/train';
import type { Command } from 'commander';
import { MetricsLog } from '../train/metrics-log.js';
import {
  addSettingFlags,
  DEFAULT_SETTINGS,
  presetSettings,
  type Settings,
  settingsFromFlags,
  settingsFromJSON,
  splitSettings,
} from '../train/options.js';
import { runWithProgress } from '../train/run-loop.js';
import { ProgressLine } from '../ui/progress.js';
import { action } from '../ui/run.js';

interface TrainFlags extends Record<string, unknown> {
  /** How the closing hint spells the CLI (default "glassbox"). */
  hint?: string;
  threads?: string;
  out?: string;
  resume?: string;
  config?: string;
  preset?: string;
  samplePrompt?: string;
  data?: string;
  allowChangedData?: boolean;
  profile?: boolean;
  force?: boolean;
}

export function registerTrain(program: Command): void {
  const cmd = program
    .command('train')
    .description('pretrain a GPT by next-token prediction (the baby CPU recipe by default)')
    .option('--out <dir>', 'run folder: metrics.jsonl and checkpoint/ (default runs/<data name>)')
    .option('--resume <dir>', 'continue the run in this folder exactly where its checkpoint stopped')
    .option('--force', 'start afresh in --out even if it holds files (they are removed)')
    .option('--config <file>', 'JSON object of settings (the flag names in camelCase)')
    .option('--preset <name>', 'a named recipe: tiny, small, baby, tiny-shakespeare-cpu')
    .option('--data <source>', 'brown, toy or tour (built in), a text file, or a `data prepare` folder')
    .option(
      '--allow-changed-data',
      'with --resume: continue even though the data changed since the run started',
    )
    .option('--tokenizer <spec>', `${TOKENIZER_SPEC_HELP} (default char)`)
    .option('--sample-prompt <text>', 'prompt for the samples printed before and after', '\n')
    .option('--threads <n>', 'threads for the kernels (default: every core)')
    .option('--profile', "print where each step's time goes: kernel families, shares, GFLOP/s");
  addSettingFlags(cmd).action(
    action(async (flags: TrainFlags) => {
      await train(flags);
    }),
  );
}

export interface TrainRun {
  model: GPT;
  tokenizer: Tokenizer;
  trainer: Trainer;
  dir: string;
  outcome: string;
}

export async function train(flags: TrainFlags, log: (line: string) => void = console.log): Promise<TrainRun> {
  const progress = new ProgressLine();
  const run = flags.resume ? await resumeRun(flags, flags.resume, log) : await freshRun(flags);
  const { model, tokenizer, trainer, record, tokens, dir } = run;
  // --force: the run is written afresh, nothing of the folder's old contents kept.
  if (!flags.resume && flags.force) await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const metrics = await MetricsLog.open(join(dir, 'metrics.jsonl'), flags.resume ? trainer.step : undefined);
  const ckptDir = join(dir, 'checkpoint');
  const c = model.config;
  const samplePrompt = flags.samplePrompt ?? '\n';
  const sample = (maxTokens: number) =>
    JSON.stringify(
      sampleText(model, tokenizer, { prompt: samplePrompt, fallback: tokens.train[0], maxTokens }),
    );
  log(tokens.description);
  log(`kernels: WebAssembly SIMD on ${model.kernels.threads} thread${model.kernels.threads > 1 ? 's' : ''}`);
  log(
    `model: ${c.nLayer} layers, ${c.nHead} heads, ${c.nEmbd} wide, block ${c.blockSize}, vocabulary ${c.vocabSize}; batch ${trainer.config.batchSize}×${trainer.config.gradAccum}, ${trainer.config.maxSteps} steps, lr ${trainer.config.lr} → ${trainer.config.minLr}`,
  );
  log(
    `baseline: a uniform guess over ${c.vocabSize} tokens has loss ln ${c.vocabSize} = ${Math.log(c.vocabSize).toFixed(4)}`,
  );
  if (trainer.step === 0) log(`sample before training: ${sample(80)}`);

  let fullValLoss: number | undefined;
  const { outcome, seconds } = await runWithProgress({
    trainer,
    metrics,
    checkpointInterval: record.checkpointInterval,
    progress,
    profile: flags.profile === true,
    // The sampled evaluations are estimates; the last one adds the loss over the whole validation split.
    evalFigures: (step) => {
      if (step === trainer.config.maxSteps && tokens.val && tokens.val.length > 1) {
        fullValLoss = evaluateTokens(model, tokens.val, { batchSize: trainer.config.batchSize }).loss;
      }
      return { val_loss_full: fullValLoss };
    },
    save: () => writeCheckpointDir(ckptDir, pretrainingCheckpoint(run)),
  });
  if (outcome === 'stopped') {
    log(
      `stopped at step ${trainer.step}; checkpoint saved in ${ckptDir}. Continue with: glassbox train --resume ${dir}`,
    );
    process.exitCode = 130;
  } else {
    const how = outcome === 'early-stopped' ? 'stopped early (validation loss stopped improving)' : 'done';
    log(`${how}: ${trainer.step} steps in ${formatDuration(seconds)}, peak memory ${peakMiB()} MiB`);
    if (fullValLoss !== undefined) {
      log(
        `validation loss over the whole split: ${fullValLoss.toFixed(4)} (perplexity ${perplexity(fullValLoss).toFixed(2)})`,
      );
    }
    log(`sample after training: ${sample(200)}`);
    log(`checkpoint: ${ckptDir} (Hugging Face GPT-2 format); metrics: ${join(dir, 'metrics.jsonl')}`);
    log(`try: ${flags.hint ?? 'glassbox'} generate ${dir} --prompt "…"`);
  }
  return { model, tokenizer, trainer, dir, outcome };
}

type CliRun = Pretraining & { tokens: TrainingTokens; dir: string };

/** A new run from flags over a JSON config over a preset over the defaults. */
async function freshRun(flags: TrainFlags): Promise<CliRun> {
  const fromFile = flags.config
    ? settingsFromJSON(
        parseJSONFile(await readTextFile(flags.config, 'config file'), flags.config),
        flags.config,
      )
    : {};
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    ...presetSettings(flags.preset),
    ...fromFile,
    ...settingsFromFlags(flags),
  };
  const { model: modelConfig, train: trainConfig, run } = splitSettings(settings);
  const dir =
    flags.out ??
    join('runs', isBuiltInCorpus(run.data) ? run.data : basename(run.data).replace(/\.[^.]*$/, ''));
  if (!flags.force && existsSync(join(dir, 'checkpoint', 'config.json'))) {
    throw new GlassboxError(
      `already holds a training run; continue it with --resume ${dir} or choose another --out`,
      { where: dir, field: 'force' },
    );
  }
  const inputs = existsSync(run.data) ? [run.data] : [];
  await checkOutput(dir, { kind: 'folder', force: flags.force, parents: true, inputs });
  const corpus = await openCorpus(run.data);
  const tokens = await corpusTokens(corpus, run.tokenizer, run.valFraction);
  const started = await startPretraining({
    tokens,
    model: modelConfig,
    train: trainConfig,
    kernels: await kernelsFor(flags.threads),
    record: {
      corpus: corpus.ref,
      tokenizer: run.tokenizer,
      valFraction: run.valFraction,
      checkpointInterval: run.checkpointInterval,
      modelSeed: run.modelSeed,
    },
  });
  return { ...started, tokens, dir };
}

/** Continues the run in `dir` exactly where its checkpoint stopped; flags may change the schedule. */
async function resumeRun(flags: TrainFlags, dir: string, log: (line: string) => void): Promise<CliRun> {
  const opened = await openCheckpointDir(dir);
  const ckptDir = opened.dir;
  const loaded = await loadCheckpoint(opened.files, {
    where: ckptDir,
    kernels: await kernelsFor(flags.threads),
  }).finally(() => opened.close());
  if (loaded.trainer?.run?.kind === 'finetune')
    throw new GlassboxError(
      `this is a fine-tuning run; continue it with glassbox finetune --resume ${dir}`,
      ckptDir,
    );
  const record = pretrainRecordOf(loaded, ckptDir);
  const given = settingsFromFlags(flags);
  const corpus = await reopenCorpus(record.corpus, flags.data, flags.allowChangedData);
  const tokens = await corpusTokens(corpus, loaded.tokenizer!, record.valFraction);
  const overrides = Object.fromEntries(
    Object.entries(given).filter(([k]) => k in DEFAULT_TRAIN_CONFIG),
  ) as Partial<TrainConfig>;
  const run = resumePretraining(loaded, tokens, overrides, ckptDir);
  if (given.checkpointInterval !== undefined)
    run.record = { ...run.record, checkpointInterval: given.checkpointInterval };
  if (corpus.ref !== record.corpus) run.record = { ...run.record, corpus: corpus.ref };
  log(`resuming ${dir} at step ${run.trainer.step} of ${run.trainer.config.maxSteps}`);
  return { ...run, tokens, dir };
}

function parseJSONFile(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new GlassboxError(`not valid JSON (${(e as Error).message})`, where);
  }
}

/**
 * Kernels on the requested number of threads (default: every core). More threads than cores only
 * costs memory (each thread has its own stack and scratch), so a larger number is capped, with a note.
 */
export async function kernelsFor(threads: string | undefined): Promise<Kernels> {
  if (threads === undefined) return createKernels('wasm', { threads: 'auto' });
  const n = Number(threads);
  if (!Number.isInteger(n) || n < 1)
    throw new GlassboxError(`expected a whole number ≥ 1, got "${threads}"`, '--threads');
  const cores = availableParallelism();
  if (n > cores) console.error(`note: --threads ${n} is more than the ${cores} cores here; using ${cores}`);
  return createKernels('wasm', { threads: Math.min(n, cores) });
}

/** Peak resident memory of this process so far, in MiB. */
function peakMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
