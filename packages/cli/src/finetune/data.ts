// What `glassbox finetune --data` and `glassbox compare --prompts` read:
//   builtin          the built-in instruction set (from the Brown corpus; nothing downloaded)
//   FILE.jsonl|json  conversations: {prompt, response} or {messages} per line (supervised)
//   brown | FILE     plain text: continued pretraining, read by train's loader (compare: one
//                    prompt per line)
// A conversations file's sha256 is kept so that a resumed run can refuse data that changed.

import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { GlassboxError } from '@glassbox/model';
import type { FileData } from '@glassbox/model/checkpoint';
import { builtinInstructions, type Conversation, parseConversations } from '@glassbox/model/finetune';
import { brownText, readTextFile } from '@glassbox/model/node';

export type FineTuneData =
  | {
      kind: 'sft';
      conversations: Conversation[];
      test?: Conversation[];
      description: string;
      source: string;
      sha256?: string;
    }
  | { kind: 'text'; description: string; source: string };

export const BUILTIN = 'builtin';

export const sha256 = (bytes: string | Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** sha256 of a file given whole or as a source, read 16 MiB at a time. */
export async function fileSha256(f: FileData): Promise<string> {
  if (f instanceof Uint8Array) return sha256(f);
  const hash = createHash('sha256');
  const step = 16 * 2 ** 20;
  for (let at = 0; at < f.size; at += step) hash.update(await f.read(at, Math.min(step, f.size - at)));
  return hash.digest('hex');
}

const isConversationFile = (path: string) => /\.jsonl?$/i.test(path);

/** The built-in instruction set: its train part to learn from, its test part held out. */
export async function builtinSet(): Promise<{ train: Conversation[]; test: Conversation[] }> {
  return builtinInstructions(await brownText());
}

export async function loadFineTuneData(spec: string | undefined): Promise<FineTuneData> {
  if (!spec)
    throw new GlassboxError('required: builtin, a .jsonl of conversations, brown, or a text file', '--data');
  if (spec === BUILTIN) {
    const { train, test } = await builtinSet();
    return {
      kind: 'sft',
      conversations: train,
      test,
      source: BUILTIN,
      description: `the built-in instruction set: ${train.length} conversations to learn from (+ ${test.length} held out for glassbox compare)`,
    };
  }
  if (!isConversationFile(spec)) {
    // Plain text (or a `data prepare` folder): read by train's own loader with the base's tokenizer.
    return { kind: 'text', source: spec === 'brown' ? spec : resolve(spec), description: spec };
  }
  const text = await readTextFile(spec, 'conversations file');
  const conversations = parseConversations(text, spec);
  return {
    kind: 'sft',
    conversations,
    source: resolve(spec),
    sha256: sha256(text),
    description: `${spec}: ${conversations.length} conversations`,
  };
}

/** Prompts for a comparison: conversations (the reply is used for the held-out loss) or one prompt per line. */
export async function loadPrompts(spec: string): Promise<{ prompts: string[]; heldOut: Conversation[] }> {
  if (spec === BUILTIN) {
    const { test } = await builtinSet();
    return { prompts: test.map(lastUserMessage), heldOut: test };
  }
  const text = await readTextFile(spec, 'prompts file');
  if (isConversationFile(spec)) {
    const heldOut = parseConversations(text, spec);
    return { prompts: heldOut.map(lastUserMessage), heldOut };
  }
  const prompts = text.split('\n').filter((l) => l.trim() !== '');
  if (prompts.length === 0) throw new GlassboxError('no prompts: the file has no non-empty line', spec);
  return { prompts, heldOut: [] };
}

function lastUserMessage(c: Conversation): string {
  return c.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
}
