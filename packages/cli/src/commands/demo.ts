// `glassbox demo` (README's first command, `npm start`): the whole story in a few minutes on a
// laptop. Checks the numeric core, pretrains a small GPT on the built-in Brown corpus at character
// level (the loss as it falls, a sample before and after, where the checkpoint went), then
// fine-tunes that base model on the built-in instruction set and shows its answers. Re-running
// replaces the previous demo runs; a folder holding anything else is refused unless --force.

import { rm } from 'node:fs/promises';
import { selfCheck } from '@glassbox/core-wasm';
import { checkOutput } from '@glassbox/model/node';
import type { Command } from 'commander';
import { action } from '../ui/run.js';
import { finetune } from './finetune.js';
import { train } from './train.js';

export const DEMO_DIR = 'runs/demo';
export const DEMO_CHAT_DIR = 'runs/demo-chat';

/** What a run folder holds: a previous demo run may be replaced without --force. */
const RUN_ENTRIES = ['checkpoint', 'checkpoint.tmp', 'checkpoint.old', 'metrics.jsonl'];

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('the end-to-end demo: pretrain a small GPT on the built-in Brown corpus (a few minutes)')
    .option('--steps <n>', 'training steps', '1000')
    .option('--out <dir>', 'run folder (a previous run there is replaced)', DEMO_DIR)
    .option('--chat-out <dir>', 'fine-tuned run folder (a previous run there is replaced)', DEMO_CHAT_DIR)
    .option('--no-finetune', 'stop after pretraining')
    .option('--force', 'replace the run folders even if they hold other files')
    .action(
      action(
        async (o: { steps: string; out: string; chatOut: string; finetune: boolean; force?: boolean }) => {
          for (const dir of o.finetune ? [o.out, o.chatOut] : [o.out])
            await checkOutput(dir, {
              kind: 'folder',
              force: o.force,
              parents: true,
              replaceable: RUN_ENTRIES,
            });
          const rows = await selfCheck(1);
          const bad = rows.filter((r) => !r.ok);
          console.log(
            bad.length
              ? `numeric core: ${bad.length} kernel families DISAGREE with the reference (${bad.map((r) => r.kernel).join(', ')})`
              : `numeric core: all ${rows.length} WebAssembly kernel families agree with their reference twins`,
          );
          if (bad.length) {
            process.exitCode = 1;
            return;
          }
          console.log('pretraining a GPT on the Brown corpus: it learns to predict the next character\n');
          await rm(o.out, { recursive: true, force: true });
          await train({
            data: 'brown',
            out: o.out,
            maxSteps: o.steps,
            decaySteps: o.steps,
            evalInterval: String(Math.max(1, Math.round(Number(o.steps) / 10))),
            evalBatches: '20',
            checkpointInterval: '0',
            samplePrompt: 'The ',
            hint: 'npm run glassbox --',
          });
          if (!o.finetune) return;
          console.log(
            '\nfine-tuning the base model on the built-in instructions: only the replies carry a loss\n',
          );
          await rm(o.chatOut, { recursive: true, force: true });
          await finetune(o.out, { data: 'builtin', out: o.chatOut, epochs: '2' });
          console.log(
            `\nfrom a checkout the CLI is \`npm run glassbox -- <command>\`, e.g. npm run glassbox -- compare ${o.out} ${o.chatOut} --prompts builtin`,
          );
        },
      ),
    );
}
