// Fine-tuning data as text: JSON Lines, one conversation per line, in either of the two shapes
// the field uses:
//   {"prompt": "…", "response": "…"}                  (optionally "system": "…")
//   {"messages": [{"role": "user", "content": "…"}, {"role": "assistant", "content": "…"}, …]}
// (A JSON array of such objects is read too.) Every problem is reported with its line number and
// what to change. Not handled: tool calls, images, or roles other than system, user, assistant.

import { GlassboxError } from '../util/errors.js';
import { type Message, ROLES, type Role } from './chat-template.js';

export interface Conversation {
  messages: Message[];
}

/** A prompt/response pair as a conversation. */
export function pairConversation(prompt: string, response: string, system?: string): Conversation {
  const messages: Message[] = [];
  if (system) messages.push({ role: 'system', content: system });
  messages.push({ role: 'user', content: prompt }, { role: 'assistant', content: response });
  return { messages };
}

function fromObject(obj: unknown, where: string): Conversation {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
    throw new GlassboxError('expected a JSON object with "prompt" and "response", or "messages"', where);
  const o = obj as Record<string, unknown>;
  if ('messages' in o) {
    if (!Array.isArray(o.messages) || o.messages.length === 0)
      throw new GlassboxError('"messages" must be a non-empty list of {role, content}', where);
    const messages = o.messages.map((m, i): Message => {
      const { role, content } = (m ?? {}) as { role?: unknown; content?: unknown };
      if (!ROLES.includes(role as Role))
        throw new GlassboxError(
          `message ${i + 1} has role ${JSON.stringify(role)}; use system, user or assistant`,
          where,
        );
      if (typeof content !== 'string')
        throw new GlassboxError(`message ${i + 1} has no text "content"`, where);
      return { role: role as Role, content };
    });
    if (!messages.some((m) => m.role === 'assistant' && m.content !== ''))
      throw new GlassboxError('the conversation has no assistant message to learn from', where);
    return { messages };
  }
  for (const key of ['prompt', 'response'] as const) {
    if (typeof o[key] !== 'string')
      throw new GlassboxError(
        `missing text "${key}" (each line needs "prompt" and "response", or "messages")`,
        where,
      );
  }
  if (o.response === '') throw new GlassboxError('"response" is empty: there is nothing to learn', where);
  if (o.system !== undefined && typeof o.system !== 'string')
    throw new GlassboxError('"system" must be text', where);
  return pairConversation(o.prompt as string, o.response as string, o.system as string | undefined);
}

/** Parses JSONL (or a JSON array) of conversations; `where` (a file name) prefixes messages. */
export function parseConversations(text: string, where = 'data'): Conversation[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a UTF-8 byte-order mark, as editors on Windows write
  const trimmed = text.trim();
  if (trimmed === '') throw new GlassboxError('the file is empty; expected one JSON object per line', where);
  if (trimmed.startsWith('[')) {
    let list: unknown;
    try {
      list = JSON.parse(trimmed);
    } catch (e) {
      throw new GlassboxError(`not valid JSON (${(e as Error).message})`, where);
    }
    return (list as unknown[]).map((o, i) => fromObject(o, `${where} item ${i + 1}`));
  }
  const out: Conversation[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch (e) {
      throw new GlassboxError(
        `not valid JSON (${(e as Error).message}); expected one object per line`,
        `${where}:${i + 1}`,
      );
    }
    out.push(fromObject(obj, `${where}:${i + 1}`));
  });
  return out;
}

/** The conversations back as JSONL ({prompt, response} where that is all a conversation is). */
export function formatConversations(conversations: readonly Conversation[]): string {
  return conversations
    .map(({ messages: m }) =>
      JSON.stringify(
        m.length === 2 && m[0].role === 'user' && m[1].role === 'assistant'
          ? { prompt: m[0].content, response: m[1].content }
          : { messages: m },
      ),
    )
    .map((l) => `${l}\n`)
    .join('');
}
