// What `glassbox finetune --data` and `glassbox compare --prompts` read:
//   builtin          the built-in instruction set (from the Brown corpus; nothing downloaded)
//   FILE.jsonl|json  conversations: {prompt, response} or {messages} per line (supervised)
//   brown | FILE     plain text: continued pretraining, read by train's loader (compare: one
//                    prompt per line)
// The data's run-record reference (with its content hash) is kept so that a resumed run can
// refuse data that changed.

import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { GlassboxError } from '@glassbox/model';
import type { FileData } from '@glassbox/model/checkpoint';
import { builtinInstructions, type Conversation, parseConversations } from '@glassbox/model/finetune';
import { brownText, type OpenedCorpus, openCorpus, readTextFile, reopenCorpus } from '@glassbox/model/node';
import {
  type CorpusRef,
  checkCorpus,
  contentHash,
  describeCorpus,
  type FineTuneRecord,
} from '@glassbox/model/run';

export type FineTuneData =
  | {
      kind: 'sft';
      conversations: Conversation[];
      test?: Conversation[];
      description: string;
      source: string;
      /** What the run record keeps to find (and check) this data again. */
      ref: FineTuneRecord['data'];
    }
  | { kind: 'text'; description: string; source: string; corpus: OpenedCorpus; ref: FineTuneRecord['data'] };

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
      ref: { kind: 'instructions' },
      description: `the built-in instruction set: ${train.length} conversations to learn from (+ ${test.length} held out for glassbox compare)`,
    };
  }
  if (!isConversationFile(spec)) {
    // Plain text (or a `data prepare` folder): tokenized with the base's own tokenizer.
    const corpus = await openCorpus(spec);
    return { kind: 'text', source: spec, corpus, ref: corpus.ref, description: spec };
  }
  const text = await readTextFile(spec, 'conversations file');
  const conversations = parseConversations(text, spec);
  return {
    kind: 'sft',
    conversations,
    source: resolve(spec),
    ref: { kind: 'file', path: resolve(spec), sha256: contentHash(text) },
    description: `${spec}: ${conversations.length} conversations`,
  };
}

/** The data a fine-tuning run record names, refused when its content changed since. */
export async function reopenFineTuneData(ref: FineTuneRecord['data']): Promise<FineTuneData> {
  if (ref.kind === 'instructions') return loadFineTuneData(BUILTIN);
  if (ref.kind === 'file' && isConversationFile(ref.path)) {
    const data = await loadFineTuneData(ref.path);
    checkCorpus(ref, data.ref as CorpusRef);
    return data;
  }
  const corpus = await reopenCorpus(ref);
  return {
    kind: 'text',
    source: describeCorpus(ref),
    corpus,
    ref: corpus.ref,
    description: describeCorpus(ref),
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
