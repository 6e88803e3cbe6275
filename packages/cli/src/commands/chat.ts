// `glassbox chat CHECKPOINT`: an interactive conversation with a fine-tuned model. Each line you
// type is a user message; the whole conversation is rendered with the chat template and the
// model's reply streams out token by token until it emits <|end|>. When the conversation outgrows
// the model's block, the oldest turns are dropped (a system message stays). Ctrl-D (or Ctrl-C)
// ends the chat.
// Reads lines from a pipe as well, one message per line.

import { createInterface } from 'node:readline';
import { GlassboxError, isGlassboxError } from '@glassbox/model';
import { type Message, renderChat, reply, requireChatTokenIds } from '@glassbox/model/finetune';
import type { Command } from 'commander';
import { openModel } from '../model/open.js';
import { action } from '../ui/run.js';
import { number } from './generate.js';

interface ChatFlags {
  system?: string;
  temperature: string;
  topK?: string;
  seed: string;
  maxTokens: string;
}

/** Room the reply needs at least, in tokens. */
const MIN_ROOM = 8;

export function registerChat(program: Command): void {
  program
    .command('chat')
    .description('talk to a fine-tuned model: the chat template, one line per message (Ctrl-D exits)')
    .argument('<checkpoint>', 'a fine-tuned checkpoint folder (or its run folder)')
    .option('--system <text>', 'a system message at the start of the conversation')
    .option('--temperature <t>', '0 = greedy; 1 = the model’s own distribution', '0.7')
    .option('--top-k <k>', 'sample only among the k most likely tokens', '40')
    .option('--seed <n>', 'random seed', '1337')
    .option('--max-tokens <n>', 'longest reply in tokens', '200')
    .action(
      action(async (path: string, o: ChatFlags) => {
        const temperature = number(o.temperature, '--temperature', (n) => n >= 0, 'a number ≥ 0')!;
        const topK = number(o.topK, '--top-k', (n) => Number.isInteger(n) && n >= 1, 'a whole number ≥ 1');
        const seed = number(o.seed, '--seed', Number.isInteger, 'an integer')!;
        const maxTokens = number(
          o.maxTokens,
          '--max-tokens',
          (n) => Number.isInteger(n) && n >= 1,
          'a whole number ≥ 1',
        )!;
        const { model, tokenizer } = await openModel(path);
        requireChatTokenIds(tokenizer, path);
        const block = model.config.blockSize;
        const length = (messages: Message[]) =>
          renderChat(tokenizer, messages, { generationPrompt: true }).ids.length;
        const history: Message[] = o.system ? [{ role: 'system', content: o.system }] : [];
        if (history.length && length(history) > block - MIN_ROOM) {
          throw new GlassboxError(`is too long for this model's block of ${block} tokens`, '--system');
        }
        const tty = process.stdin.isTTY;
        const out = process.stdout;
        if (tty) out.write(`chatting with ${path} (block of ${block} tokens). Ctrl-D to quit.\n`);
        // On a terminal readline draws the prompt and edits the line; from a pipe it only reads lines.
        const rl = createInterface({ input: process.stdin, output: tty ? out : undefined, terminal: tty });
        if (tty) rl.setPrompt('you> ');
        rl.on('SIGINT', () => rl.close()); // Ctrl-C ends the chat like Ctrl-D
        rl.prompt();
        let turn = 0;
        for await (const line of rl) {
          if (line.trim() === '') {
            rl.prompt();
            continue;
          }
          // A message the tokenizer cannot encode is answered with a note; the chat goes on.
          try {
            length([{ role: 'user', content: line }]);
          } catch (e) {
            if (!isGlassboxError(e)) throw e;
            out.write(`(${e.detail}; try other words)\n`);
            rl.prompt();
            continue;
          }
          history.push({ role: 'user', content: line });
          // Forget the oldest turns (never the system message) until the reply has room.
          const first = history[0]?.role === 'system' ? 1 : 0;
          while (length(history) > block - MIN_ROOM && history.length - first > 1) history.splice(first, 1);
          if (length(history) > block - MIN_ROOM) {
            history.pop();
            out.write(`(that message is too long for this model's block of ${block} tokens; shorten it)\n`);
            rl.prompt();
            continue;
          }
          const decoder = new TextDecoder();
          out.write(tty ? 'model> ' : '');
          const answer = reply(model, tokenizer, history, {
            temperature,
            topK,
            seed: seed + turn++,
            maxTokens: Math.min(maxTokens, block - length(history)),
            onToken: (id) => out.write(decoder.decode(tokenizer.decodeBytes([id]), { stream: true })),
          });
          out.write(`${decoder.decode()}${answer.finished ? '' : ' …'}\n`);
          // The reply's ids, as generated: its text may not encode back to them (special tokens).
          history.push({ role: 'assistant', content: answer.text, ids: answer.ids });
          rl.prompt();
        }
        if (tty) out.write('\n');
      }),
    );
}
