// `glassbox compare BASE TUNED --prompts FILE|builtin`: the same prompts through the base model and
// the fine-tuned one, answers side by side, and the loss each takes on the replies of held-out
// conversations (when the prompts file has replies: a .jsonl of conversations, or `builtin` — the
// built-in instruction set's test part, which no fine-tune on `builtin` has seen). The base runs
// from the fine-tune's own starting point (the chat tokens' embedding rows grown as finetune grew
// them), so both models read exactly the same token ids.

import { join } from 'node:path';
import { CHECKPOINT_FILES } from '@glassbox/model/checkpoint';
import {
  baseForComparison,
  compareModels,
  requireChatTokenIds,
  requireLineage,
  requireSameShape,
} from '@glassbox/model/finetune';
import { openFileSource } from '@glassbox/model/node';
import type { Command } from 'commander';
import { fileSha256, loadPrompts } from '../finetune/data.js';
import { openModel } from '../model/open.js';
import { action } from '../ui/run.js';
import { fmt, formatTable } from '../ui/table.js';
import { number } from './generate.js';

interface CompareFlags {
  prompts: string;
  show: string;
  maxTokens: string;
  json?: boolean;
}

const clip = (s: string, n = 36) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('base versus fine-tuned: the same prompts through both, and the held-out reply loss of each')
    .argument('<base>', 'the base checkpoint the fine-tune started from')
    .argument('<tuned>', 'the fine-tuned checkpoint (or its run folder)')
    .requiredOption(
      '--prompts <file>',
      'builtin, a .jsonl of conversations (replies give the loss), or one prompt per line',
    )
    .option('--show <n>', 'prompts to answer side by side', '8')
    .option('--max-tokens <n>', 'longest answer in tokens', '40')
    .option('--json', 'print the whole comparison as JSON')
    .action(
      action(async (basePath: string, tunedPath: string, o: CompareFlags) => {
        const whole = (n: number) => Number.isInteger(n) && n >= 0;
        const show = number(o.show, '--show', whole, 'a whole number')!;
        const maxTokens = number(
          o.maxTokens,
          '--max-tokens',
          (n) => whole(n) && n > 0,
          'a whole number ≥ 1',
        )!;
        const base = await openModel(basePath);
        const tuned = await openModel(tunedPath);
        requireSameShape(base.model.config, tuned.model.config);
        if (tuned.run?.kind === 'finetune')
          requireLineage(tuned.run, await weightsSha256(base.dir), base.dir);
        requireChatTokenIds(tuned.tokenizer, tunedPath);
        const start = await baseForComparison(base.model, base.tokenizer, tuned.tokenizer, undefined, false);
        const { prompts, heldOut } = await loadPrompts(o.prompts);
        const result = compareModels(start, tuned.model, tuned.tokenizer, prompts.slice(0, show), heldOut, {
          maxTokens,
        });
        if (o.json) {
          console.log(JSON.stringify(result));
          return;
        }
        const rows = result.rows.map((r) => [
          clip(r.prompt),
          clip(JSON.stringify(r.base.text)),
          clip(JSON.stringify(r.tuned.text)),
        ]);
        console.log(formatTable(['prompt', 'base', 'fine-tuned'], rows));
        const h = result.heldOut;
        if (h) {
          console.log(
            `\nheld-out reply loss (${h.conversations} conversations, ${h.tokens} reply tokens): base ${fmt(h.base, 4)} → fine-tuned ${fmt(h.tuned, 4)}`,
          );
          const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
          console.log(
            `answered exactly right (greedy): base ${pct(h.exactBase)} → fine-tuned ${pct(h.exactTuned)}`,
          );
        }
      }),
    );
}

/** sha256 of a checkpoint folder's model.safetensors, as a fine-tune's run record keeps it. */
async function weightsSha256(dir: string): Promise<string> {
  const source = await openFileSource(join(dir, CHECKPOINT_FILES.model));
  try {
    return await fileSha256(source);
  } finally {
    await source.close();
  }
}
