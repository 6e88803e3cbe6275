// `glassbox train`: pretrain a GPT by next-token prediction. Settings come from flags over a JSON
// config over a preset; progress shows step, loss, validation loss, tokens/s and ETA; every step
// goes to DIR/metrics.jsonl; checkpoints land in DIR/checkpoint every N steps and at the end
// (atomically); Ctrl-C saves one and stops; --resume DIR continues exactly where it stopped.

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createKernels, type Kernels } from '@glassbox/core-wasm';
import { GlassboxError } from '@glassbox/model';
import { loadCheckpoint, restoreOptimizer, saveCheckpoint } from '@glassbox/model/checkpoint';
import { GPT } from '@glassbox/model/gpt';
import {
  openCheckpointDir,
  readTextFile,
  TOKENIZER_SPEC_HELP,
  writeCheckpointDir,
} from '@glassbox/model/node';
import type { Tokenizer } from '@glassbox/model/tokenizer';
import { evaluateTokens, perplexity, type TokenArray, Trainer } from '@glassbox/model/train';
import type { Command } from 'commander';
import { loadTrainingData } from '../train/data.js';
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
import { sampleText } from '../train/sample.js';
import { formatDuration, ProgressLine } from '../ui/progress.js';
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
}

export function registerTrain(program: Command): void {
  const cmd = program
    .command('train')
    .description('pretrain a GPT by next-token prediction (the baby CPU recipe by default)')
    .option('--out <dir>', 'run folder: metrics.jsonl and checkpoint/ (default runs/<data name>)')
    .option('--resume <dir>', 'continue the run in this folder exactly where its checkpoint stopped')
    .option('--config <file>', 'JSON object of settings (the flag names in camelCase)')
    .option('--preset <name>', 'a named recipe: tiny-shakespeare-cpu')
    .option('--data <source>', 'brown (built in), a text file, or a `data prepare` folder')
    .option('--tokenizer <spec>', `${TOKENIZER_SPEC_HELP} (default char)`)
    .option('--sample-prompt <text>', 'prompt for the samples printed before and after', '\n')
    .option('--threads <n>', 'threads for the kernels (default: every core)');
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
  let settings: Settings;
  let model: GPT;
  let tokenizer: Tokenizer;
  let trainer: Trainer;
  let data: { train: TokenArray; val?: TokenArray; description: string };
  let dir: string;

  if (flags.resume) {
    dir = flags.resume;
    const opened = await openCheckpointDir(dir);
    const ckptDir = opened.dir;
    const loaded = await loadCheckpoint(opened.files, {
      where: ckptDir,
      kernels: await kernelsFor(flags.threads),
    }).finally(() => opened.close());
    if (!loaded.trainer || !loaded.optimizerTensors) {
      throw new GlassboxError(
        'this checkpoint has no trainer.json/optimizer.safetensors, so it cannot be resumed',
        ckptDir,
      );
    }
    if (!loaded.tokenizer) throw new GlassboxError('this checkpoint has no tokenizer.json', ckptDir);
    if ((loaded.trainer.run as { kind?: unknown } | undefined)?.kind !== undefined) {
      throw new GlassboxError(
        `this is a fine-tuning run; continue it with glassbox finetune --resume ${dir}`,
        ckptDir,
      );
    }
    settings = {
      ...DEFAULT_SETTINGS,
      ...(loaded.trainer.run as Partial<Settings>),
      ...loaded.trainer.config,
      ...settingsFromFlags(flags),
    };
    model = loaded.model;
    tokenizer = loaded.tokenizer;
    const { train: trainConfig, run } = splitSettings(settings);
    data = await loadTrainingData(run.data, run.tokenizer, run.valFraction, tokenizer);
    trainer = new Trainer(model, data, trainConfig, loaded.trainer);
    restoreOptimizer(
      trainer.optimizer,
      loaded.optimizerTensors,
      loaded.trainer.step,
      `${ckptDir}/optimizer.safetensors`,
    );
    log(`resuming ${dir} at step ${trainer.step} of ${trainConfig.maxSteps}`);
  } else {
    const fromFile = flags.config
      ? settingsFromJSON(
          parseJSONFile(await readTextFile(flags.config, 'config file'), flags.config),
          flags.config,
        )
      : {};
    settings = {
      ...DEFAULT_SETTINGS,
      ...presetSettings(flags.preset),
      ...fromFile,
      ...settingsFromFlags(flags),
    };
    const { model: modelConfig, train: trainConfig, run } = splitSettings(settings);
    dir =
      flags.out ??
      join('runs', run.data === 'brown' ? 'brown' : run.data.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, ''));
    if (existsSync(join(dir, 'checkpoint', 'config.json'))) {
      throw new GlassboxError(
        `already holds a training run; continue it with --resume ${dir} or choose another --out`,
        dir,
      );
    }
    const loaded = await loadTrainingData(run.data, run.tokenizer, run.valFraction);
    tokenizer = loaded.tokenizer;
    data = loaded;
    model = await GPT.create(
      { ...modelConfig, vocabSize: tokenizer.vocabSize },
      { seed: run.modelSeed, kernels: await kernelsFor(flags.threads) },
    );
    trainer = new Trainer(model, data, trainConfig);
  }
  const tok: Tokenizer = tokenizer;
  const { run } = splitSettings(settings);
  await mkdir(dir, { recursive: true });
  const metrics = await MetricsLog.open(join(dir, 'metrics.jsonl'), trainer.step);
  const ckptDir = join(dir, 'checkpoint');
  const c = model.config;
  log(data.description);
  log(`kernels: WebAssembly SIMD on ${model.kernels.threads} thread${model.kernels.threads > 1 ? 's' : ''}`);
  log(
    `model: ${c.nLayer} layers, ${c.nHead} heads, ${c.nEmbd} wide, block ${c.blockSize}, vocabulary ${c.vocabSize}; batch ${trainer.config.batchSize}×${trainer.config.gradAccum}, ${trainer.config.maxSteps} steps, lr ${trainer.config.lr} → ${trainer.config.minLr}`,
  );
  log(
    `baseline: a uniform guess over ${c.vocabSize} tokens has loss ln ${c.vocabSize} = ${Math.log(c.vocabSize).toFixed(4)}`,
  );
  if (trainer.step === 0)
    log(
      `sample before training: ${JSON.stringify(sampleText(model, tok, flags.samplePrompt ?? '\n', data.train[0], 80))}`,
    );

  let fullValLoss: number | undefined;
  const { outcome, seconds } = await runWithProgress({
    trainer,
    metrics,
    checkpointInterval: run.checkpointInterval,
    progress,
    // The sampled evaluations are estimates; the last one adds the loss over the whole validation split.
    evalFigures: (step) => {
      if (step === trainer.config.maxSteps && data.val && data.val.length > 1) {
        fullValLoss = evaluateTokens(model, data.val, { batchSize: trainer.config.batchSize }).loss;
      }
      return { val_loss_full: fullValLoss };
    },
    save: async () => {
      const state = { ...trainer.state(), run: { ...run } };
      await writeCheckpointDir(
        ckptDir,
        saveCheckpoint({ model, tokenizer: tok, optimizer: trainer.optimizer, trainer: state }),
      );
    },
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
    log(
      `sample after training: ${JSON.stringify(sampleText(model, tok, flags.samplePrompt ?? '\n', data.train[0], 200))}`,
    );
    log(`checkpoint: ${ckptDir} (Hugging Face GPT-2 format); metrics: ${join(dir, 'metrics.jsonl')}`);
    log(`try: ${flags.hint ?? 'glassbox'} generate ${dir} --prompt "…"`);
  }
  return { model, tokenizer: tok, trainer, dir, outcome };
}

function parseJSONFile(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new GlassboxError(`not valid JSON (${(e as Error).message})`, where);
  }
}

/** Kernels on the requested number of threads (default: every core). */
export async function kernelsFor(threads: string | undefined): Promise<Kernels> {
  if (threads === undefined) return createKernels('wasm', { threads: 'auto' });
  const n = Number(threads);
  if (!Number.isInteger(n) || n < 1)
    throw new GlassboxError(`expected a whole number ≥ 1, got "${threads}"`, '--threads');
  return createKernels('wasm', { threads: n });
}

/** Peak resident memory of this process so far, in MiB. */
function peakMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
