// `glassbox generate MODEL`: continue a prompt with the model, streaming tokens as they are
// chosen, until --max-tokens or the model's end-of-text token; --show-probs prints, for each
// token, its probability and −ln p and the candidates the model weighed. `glassbox eval MODEL
// FILE`: loss, perplexity and bits per byte on a text. MODEL is a glassbox checkpoint or any
// GPT-2 folder from the Hugging Face Hub; it runs inference-only (no gradients allocated).

import { GlassboxError } from '@glassbox/model';
import { generate } from '@glassbox/model/gpt';
import { readTextFile } from '@glassbox/model/node';
import type { Tokenizer } from '@glassbox/model/tokenizer';
import { bitsPerByte, evaluateTokens, perplexity } from '@glassbox/model/train';
import type { Command } from 'commander';
import { type OpenedModel, openModel } from '../model/open.js';
import { action } from '../ui/run.js';
import { fmt, formatTable } from '../ui/table.js';

export const THREADS_HELP = 'threads to run on (default: every core)';
export const MODEL_ARG =
  'a model folder: a glassbox checkpoint (or run folder) or a Hugging Face GPT-2 folder';

export function encode(tokenizer: Tokenizer, text: string, what: string): number[] {
  try {
    return tokenizer.encode(text);
  } catch (e) {
    throw new GlassboxError(`cannot be encoded with this model's tokenizer (${(e as Error).message})`, what);
  }
}

export function number(
  raw: string | undefined,
  flag: string,
  check: (n: number) => boolean,
  want: string,
): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw === '' || !Number.isFinite(n) || !check(n))
    throw new GlassboxError(`expected ${want}, got "${raw}"`, flag);
  return n;
}

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('continue a prompt with a model (streams tokens as they are chosen)')
    .argument('<model>', MODEL_ARG)
    .option('--prompt <text>', 'text to continue (empty: start from the beginning-of-text token)', '\n')
    .option('--max-tokens <n>', 'tokens to generate', '200')
    .option('--temperature <t>', '0 = greedy; 1 = the model’s own distribution', '0.8')
    .option('--top-k <k>', 'sample only among the k most likely tokens')
    .option('--top-p <p>', 'sample only among the most likely tokens whose mass reaches p')
    .option('--seed <n>', 'random seed', '1337')
    .option('--show-probs', 'print each token with its probability, −ln p and the top candidates')
    .option('--no-stop', 'keep going past the end-of-text token')
    .option('--stats', 'print load time, prompt time and tokens per second to standard error')
    .option('--threads <n>', THREADS_HELP)
    .action(
      action(async (path: string, o: Record<string, string | boolean | undefined>) => {
        const maxTokens = number(
          o.maxTokens as string,
          '--max-tokens',
          (n) => Number.isInteger(n) && n >= 0,
          'a whole number',
        )!;
        const temperature = number(o.temperature as string, '--temperature', (n) => n >= 0, 'a number ≥ 0')!;
        const topK = number(
          o.topK as string,
          '--top-k',
          (n) => Number.isInteger(n) && n >= 1,
          'a whole number ≥ 1',
        );
        const topP = number(o.topP as string, '--top-p', (n) => n > 0 && n <= 1, 'a number in (0, 1]');
        const seed = number(o.seed as string, '--seed', Number.isInteger, 'an integer')!;
        const opened = await openModel(path, { threads: o.threads as string | undefined });
        const { model, tokenizer, generation } = opened;
        const prompt = promptIds(opened, String(o.prompt));
        const stopTokens = o.stop === false ? [] : generation.eosTokenIds;
        const started = performance.now();
        let firstAt = 0;
        let count = 0;
        const steps = (function* () {
          for (const s of generate(model, prompt, {
            maxTokens,
            temperature,
            topK,
            topP,
            seed,
            candidates: 5,
            stopTokens,
          })) {
            if (count++ === 0) firstAt = performance.now();
            yield s;
          }
        })();
        if (o.showProbs) {
          const rows: (string | number)[][] = [];
          for (const s of steps) {
            rows.push([
              JSON.stringify(tokenizer.decode([s.id])),
              fmt(s.p),
              fmt(s.nll),
              s.candidates
                .map((c) => `${JSON.stringify(tokenizer.decode([c.id]))} ${(c.p * 100).toFixed(1)}%`)
                .join('  '),
            ]);
          }
          console.log(`prompt: ${JSON.stringify(String(o.prompt))}\n`);
          console.log(formatTable(['token', 'p', '−ln p', 'top candidates (p)'], rows));
        } else {
          // Stream bytes through a decoder so a character split across tokens prints whole.
          const decoder = new TextDecoder();
          process.stdout.write(String(o.prompt));
          for (const s of steps) {
            if (stopTokens.includes(s.id)) break; // the end token itself is not text
            process.stdout.write(decoder.decode(tokenizer.decodeBytes([s.id]), { stream: true }));
          }
          process.stdout.write(`${decoder.decode()}\n`);
        }
        if (o.stats) {
          const end = performance.now();
          const rest = count > 1 ? (count - 1) / ((end - firstAt) / 1000) : 0;
          console.error(
            `${loadLine(opened)}; prompt of ${prompt.length} tokens + first token ${fmt((firstAt - started) / 1000)} s; ${count} tokens, ${fmt(rest, 1)} tokens/s after the first on ${model.kernels.threads} thread${model.kernels.threads > 1 ? 's' : ''}`,
          );
        }
      }),
    );

  program
    .command('eval')
    .description('loss, perplexity and bits per byte of a model on a text file')
    .argument('<model>', MODEL_ARG)
    .argument('<file>', 'a UTF-8 text file')
    .option('--json', 'print the figures as JSON')
    .option('--threads <n>', THREADS_HELP)
    .action(
      action(async (path: string, file: string, o: { json?: boolean; threads?: string }) => {
        const { model, tokenizer } = await openModel(path, { threads: o.threads });
        const text = await readTextFile(file, 'text file');
        const ids = encode(tokenizer, text, file);
        if (ids.length < 2)
          throw new GlassboxError('needs at least two tokens of text to measure a loss', file);
        const { loss, tokens } = evaluateTokens(model, ids);
        // Bytes of the predicted text: all but the first token's.
        const bytes = new TextEncoder().encode(text).length - tokenizer.decodeBytes([ids[0]]).length;
        const result = {
          loss,
          perplexity: perplexity(loss),
          bits_per_byte: bitsPerByte(loss, tokens, bytes),
          tokens,
          bytes,
        };
        if (o.json) console.log(JSON.stringify(result));
        else {
          console.log(
            formatTable(
              ['file', 'tokens', 'loss (nats/token)', 'perplexity', 'bits per byte'],
              [[file, tokens, fmt(loss, 4), fmt(result.perplexity, 4), fmt(result.bits_per_byte, 4)]],
            ),
          );
        }
      }),
    );
}

/** The prompt's ids: the text encoded, or the beginning-of-text token for an empty prompt. */
export function promptIds(m: OpenedModel, text: string, flag = '--prompt'): number[] {
  const ids = encode(m.tokenizer, text, flag);
  if (ids.length === 0 && m.generation.bosTokenId !== undefined) return [m.generation.bosTokenId];
  if (ids.length === 0)
    throw new GlassboxError('the prompt is empty after tokenization; give some text', flag);
  if (ids.length > m.model.config.blockSize) {
    throw new GlassboxError(
      `is ${ids.length} tokens but this model reads at most ${m.model.config.blockSize} (its block size); shorten it`,
      flag,
    );
  }
  return ids;
}

/** "124.4 M parameters (F16 → f32, 249 MB file) loaded in 1.2 s" */
export function loadLine(m: OpenedModel): string {
  const params = m.model.params.all.size;
  const dtypes = Object.keys(m.weights.dtypes).join('/');
  const conv = dtypes === 'F32' ? 'f32' : `${dtypes} → f32`;
  return `${(params / 1e6).toFixed(1)} M parameters (${conv}, ${(m.weights.fileBytes / 2 ** 20).toFixed(0)} MiB file) loaded in ${fmt(m.loadSeconds, 2)} s`;
}
