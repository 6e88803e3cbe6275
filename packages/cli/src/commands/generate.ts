// `glassbox generate CHECKPOINT`: continue a prompt with the model, streaming tokens as they are
// chosen; --show-probs prints, for each token, its probability and −ln p and the candidates the
// model weighed. `glassbox eval CHECKPOINT FILE`: loss, perplexity and bits per byte on a text, or
// on a token shard (a `data prepare` .bin, refused unless the checkpoint's tokenizer made it).

import { GlassboxError } from '@glassbox/model';
import { loadCheckpoint } from '@glassbox/model/checkpoint';
import { tokenizerHash } from '@glassbox/model/data';
import { type GPT, generate } from '@glassbox/model/gpt';
import { readCheckpointDir, readShard, readTextFile } from '@glassbox/model/node';
import type { Tokenizer } from '@glassbox/model/tokenizer';
import { bitsPerByte, evaluateTokens, perplexity } from '@glassbox/model/train';
import type { Command } from 'commander';
import { action } from '../ui/run.js';
import { fmt, formatTable } from '../ui/table.js';

export async function openCheckpoint(path: string): Promise<{ model: GPT; tokenizer: Tokenizer }> {
  const { dir, files } = await readCheckpointDir(path);
  const { model, tokenizer } = await loadCheckpoint(files, { where: dir });
  if (!tokenizer)
    throw new GlassboxError('this checkpoint has no tokenizer.json, so text cannot be encoded', dir);
  return { model, tokenizer };
}

function encode(tokenizer: Tokenizer, text: string, what: string): number[] {
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
    .description('continue a prompt with a trained model (streams tokens as they are chosen)')
    .argument('<checkpoint>', 'a checkpoint folder (or a run folder holding checkpoint/)')
    .option('--prompt <text>', 'text to continue', '\n')
    .option('--max-tokens <n>', 'tokens to generate', '200')
    .option('--temperature <t>', '0 = greedy; 1 = the model’s own distribution', '0.8')
    .option('--top-k <k>', 'sample only among the k most likely tokens')
    .option('--top-p <p>', 'sample only among the most likely tokens whose mass reaches p')
    .option('--seed <n>', 'random seed', '1337')
    .option('--show-probs', 'print each token with its probability, −ln p and the top candidates')
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
        const { model, tokenizer } = await openCheckpoint(path);
        const prompt = encode(tokenizer, String(o.prompt), '--prompt');
        if (prompt.length === 0)
          throw new GlassboxError('the prompt is empty after tokenization; give some text', '--prompt');
        if (prompt.length > model.config.blockSize) {
          throw new GlassboxError(
            `is ${prompt.length} tokens but this model reads at most ${model.config.blockSize} (its block size); shorten it`,
            '--prompt',
          );
        }
        const steps = generate(model, prompt, { maxTokens, temperature, topK, topP, seed, candidates: 5 });
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
          return;
        }
        // Stream bytes through a decoder so a character split across tokens prints whole.
        const decoder = new TextDecoder();
        process.stdout.write(String(o.prompt));
        for (const s of steps)
          process.stdout.write(decoder.decode(tokenizer.decodeBytes([s.id]), { stream: true }));
        process.stdout.write(`${decoder.decode()}\n`);
      }),
    );

  program
    .command('eval')
    .description('loss, perplexity and bits per byte of a checkpoint on a text file')
    .argument('<checkpoint>', 'a checkpoint folder (or a run folder holding checkpoint/)')
    .argument('<file>', 'a UTF-8 text file, or a token shard (.bin) from `glassbox data prepare`')
    .option('--json', 'print the figures as JSON')
    .action(
      action(async (path: string, file: string, o: { json?: boolean }) => {
        const { model, tokenizer } = await openCheckpoint(path);
        const { ids, textBytes } = file.endsWith('.bin')
          ? await shardIds(file, tokenizer)
          : await textIds(file, tokenizer);
        if (ids.length < 2)
          throw new GlassboxError('needs at least two tokens of text to measure a loss', file);
        const { loss, tokens } = evaluateTokens(model, ids);
        // Bytes of the predicted text: all but the first token's.
        const bytes = textBytes - tokenizer.decodeBytes([ids[0]]).length;
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

interface EvalIds {
  ids: ArrayLike<number>;
  /** UTF-8 bytes of the text the ids stand for. */
  textBytes: number;
}

async function textIds(file: string, tokenizer: Tokenizer): Promise<EvalIds> {
  const text = await readTextFile(file, 'text file');
  return { ids: encode(tokenizer, text, file), textBytes: new TextEncoder().encode(text).length };
}

/** A token shard's ids, when the checkpoint's tokenizer is the one that made them. */
async function shardIds(file: string, tokenizer: Tokenizer): Promise<EvalIds> {
  const { ids, meta } = await readShard(file);
  if (meta.tokenizer.hash !== tokenizerHash(tokenizer)) {
    throw new GlassboxError(
      "was made with another tokenizer than this checkpoint's; its ids would mean other tokens",
      file,
    );
  }
  return { ids, textBytes: tokenizer.decodeBytes(ids).length };
}
