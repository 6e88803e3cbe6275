// `glassbox finetune BASE --data builtin|pairs.jsonl|text --out DIR`: fine-tune a checkpoint.
// Conversations (JSONL or the built-in instruction set) get supervised fine-tuning — chat tokens
// added, loss on the replies only, validation split, early stopping; text gets continued
// pretraining. --lora trains low-rank adapters instead of every weight. Progress and metrics are
// train's; DIR/checkpoint is a complete model (LoRA merged in, adapters beside it in PEFT's
// files), saved every N steps, at the end and on Ctrl-C; --resume DIR continues exactly.

import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { GlassboxError } from '@glassbox/model';
import { reply, saveFineTune, withMergedLoRA } from '@glassbox/model/finetune';
import { checkOutput, writeCheckpointDir } from '@glassbox/model/node';
import { FINETUNE_DEFAULTS, formatDuration } from '@glassbox/model/run';
import type { Command } from 'commander';
import type { FineTuneFlags } from '../finetune/options.js';
import { type FineTuneSetup, freshFineTune, resumeFineTune } from '../finetune/setup.js';
import { MetricsLog } from '../train/metrics-log.js';
import { addSettingFlags } from '../train/options.js';
import { runWithProgress } from '../train/run-loop.js';
import { action } from '../ui/run.js';

export function registerFinetune(program: Command): void {
  const cmd = program
    .command('finetune')
    .description(
      'fine-tune a checkpoint: on conversations (SFT, chat template) or on text (continued pretraining)',
    )
    .argument('[base]', 'the base checkpoint folder (or a run folder holding checkpoint/)')
    .option(
      '--data <source>',
      'builtin (the built-in instruction set), a .jsonl of conversations, brown, or a text file',
    )
    .option('--out <dir>', 'run folder: metrics.jsonl and checkpoint/ (default runs/finetune)')
    .option('--resume <dir>', 'continue the fine-tune in this folder exactly where its checkpoint stopped')
    .option('--force', 'start afresh in --out even if it holds files (they are removed)')
    .option('--lora', 'train low-rank adapters (LoRA) instead of every weight; merged into the saved model')
    .option(
      '--lora-targets <layers>',
      'comma-separated: attn.c_attn, attn.c_proj, mlp.c_fc, mlp.c_proj (default all)',
    )
    .option('--pack', 'pack several conversations per row (faster; attention then spans them)')
    .option(
      '--keep-optimizer',
      'continued pretraining: start from the base run’s AdamW moments instead of fresh ones',
    )
    .option('--threads <n>', 'threads for the kernels (default: every core)')
    .option(
      '--block-size <n>',
      "tokens per training window (default: the model's block size; GPT-2: try 128)",
    );
  addSettingFlags(cmd, FINETUNE_DEFAULTS);
  // The step count follows the epochs unless given, and the cosine ends with it.
  for (const o of cmd.options) {
    if (o.long === '--max-steps') o.description = 'optimizer steps (default: what --epochs takes)';
    if (o.long === '--decay-steps')
      o.description = 'step where the cosine reaches --min-lr (default: the last)';
  }
  cmd.action(
    action(async (base: string | undefined, flags: FineTuneFlags) => {
      await finetune(base, flags);
    }),
  );
}

export async function finetune(
  base: string | undefined,
  flags: FineTuneFlags,
  log: (line: string) => void = console.log,
): Promise<FineTuneSetup & { dir: string; outcome: string }> {
  let setup: FineTuneSetup;
  let dir: string;
  if (flags.resume) {
    dir = flags.resume;
    setup = await resumeFineTune(dir, flags);
    log(`resuming ${dir} at step ${setup.trainer.step} of ${setup.trainer.config.maxSteps}`);
  } else {
    if (!base)
      throw new GlassboxError('give the base checkpoint folder, or --resume DIR', 'glassbox finetune');
    dir = flags.out ?? join('runs', 'finetune');
    if (!flags.force && existsSync(join(dir, 'checkpoint', 'config.json'))) {
      throw new GlassboxError(
        `already holds a run; continue it with --resume ${dir} or choose another --out`,
        { where: dir, field: 'force' },
      );
    }
    const inputs = [base, ...(flags.data && existsSync(flags.data) ? [flags.data] : [])];
    await checkOutput(dir, { kind: 'folder', force: flags.force, parents: true, inputs });
    setup = await freshFineTune(base, flags);
  }
  const { model, tokenizer, trainer, lora, run } = setup;
  // --force: the run is written afresh, nothing of the folder's old contents kept.
  if (!flags.resume && flags.force) await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const metrics = await MetricsLog.open(join(dir, 'metrics.jsonl'), trainer.step);
  const ckptDir = join(dir, 'checkpoint');
  const c = trainer.config;
  log(setup.description);
  const threads = model.kernels.threads;
  log(`kernels: WebAssembly SIMD on ${threads} thread${threads > 1 ? 's' : ''}`);
  log(
    `${run.mode === 'sft' ? 'supervised fine-tuning' : 'continued pretraining'} of ${run.base.path}: ${
      lora
        ? `LoRA rank ${lora.config.rank}, alpha ${lora.config.alpha} on ${lora.targets.join(', ')} (${lora.params.all.size.toLocaleString('en-US')} trainable numbers; base weights frozen)`
        : `every weight (${model.params.all.size.toLocaleString('en-US')} numbers)`
    }; batch ${c.batchSize}×${c.gradAccum}, ${c.maxSteps} steps, lr ${c.lr} → ${c.minLr}`,
  );
  const { outcome, seconds } = await runWithProgress({
    trainer,
    metrics,
    checkpointInterval: run.settings.checkpointInterval,
    save: () => writeCheckpointDir(ckptDir, saveFineTune({ model, tokenizer, trainer, lora, run })),
  });
  if (outcome === 'stopped') {
    log(
      `stopped at step ${trainer.step}; checkpoint saved in ${ckptDir}. Continue with: glassbox finetune --resume ${dir}`,
    );
    process.exitCode = 130;
    return { ...setup, dir, outcome };
  }
  const vals = trainer.history.map((h) => h.valLoss).filter((v): v is number => v !== undefined);
  log(
    `${outcome === 'early-stopped' ? 'stopped early (validation loss stopped improving)' : 'done'}: ${trainer.step} steps in ${formatDuration(seconds)}${
      vals.length
        ? `; best validation loss ${Math.min(...vals).toFixed(4)}, last ${vals.at(-1)!.toFixed(4)}`
        : ''
    }`,
  );
  if (setup.sft?.valConversations.length) {
    // A first look: a few validation prompts answered by the tuned model (greedy).
    log('answers to validation prompts (greedy):');
    for (const c of setup.sft.valConversations.slice(0, 4)) {
      const last = c.messages.map((m) => m.role).lastIndexOf('assistant');
      const prompt = c.messages.slice(0, last);
      const answer = () => reply(model, tokenizer, prompt, { maxTokens: 40 }).text;
      const text = lora ? withMergedLoRA(lora, answer) : answer();
      log(`  ${JSON.stringify(prompt.at(-1)?.content ?? '')} → ${JSON.stringify(text)}`);
    }
  }
  log(
    `checkpoint: ${ckptDir} (Hugging Face GPT-2 format${lora ? ', LoRA merged; adapters in PEFT format beside it' : ''}); metrics: ${join(dir, 'metrics.jsonl')}`,
  );
  log(
    `try: glassbox chat ${dir}   or   glassbox compare ${run.base.path} ${dir} --prompts ${run.data.kind === 'instructions' ? 'builtin' : 'FILE'}`,
  );
  return { ...setup, dir, outcome };
}
