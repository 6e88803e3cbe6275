// Looking at a model in the worker: next-token logits for autocomplete (through the model's
// reusable KV-cache session, extended token by token while the prompt only grows), per-token
// losses of a text, validation sentences to try, token ids of a text, and the vocabulary.
// Attention maps and embeddings are in inside.ts.

import { GlassboxError } from '@glassbox/model';
import { bitsPerByte, evaluateTokens, perplexity } from '@glassbox/model/train';
import type { ExplorerJobs, NextToken, TextLoss, TokenPiece } from '../protocol/explorer';
import { validationTail } from './corpus';
import { builtInCorpus, inferenceFor, requireSession, type Session } from './sessions';

type Out<K extends keyof ExplorerJobs> = Promise<ExplorerJobs[K]['output']>;

const utf8 = new TextEncoder();

/** Token pieces of a text under the slot's tokenizer, with a clear message for unknown characters. */
export function encodePieces(s: Session, text: string): TokenPiece[] {
  try {
    return s.tokenizer.explain(text).map((t) => ({ id: t.id, text: t.text }));
  } catch (e) {
    throw new GlassboxError(
      `${(e as Error).message}; try text with the characters this model was trained on`,
    );
  }
}

export async function tokenize({ slot, text }: ExplorerJobs['tokenize']['input']): Out<'tokenize'> {
  return encodePieces(requireSession(slot), text);
}

export async function vocabulary({ slot }: ExplorerJobs['vocabulary']['input']): Out<'vocabulary'> {
  const s = requireSession(slot);
  const t = s.tokenizer;
  const special = new Set(t.specialTokens.values());
  return Array.from({ length: s.model.config.vocabSize }, (_, id) => {
    if (id >= t.vocabSize) return `[${id}]`; // padding rows of a rounded-up vocabulary
    return special.has(id) ? (t.idToToken(id) ?? `[${id}]`) : t.decode([id]);
  });
}

export async function nextToken({
  slot,
  prompt,
  ids,
}: ExplorerJobs['nextToken']['input']): Promise<NextToken> {
  const s = requireSession(slot);
  const seq = ids ?? encodePieces(s, prompt ?? '').map((p) => p.id);
  if (seq.length === 0) {
    throw new GlassboxError('the prompt is empty: type at least one character for the model to continue');
  }
  const session = inferenceFor(s);
  const cached = session.tokens;
  const extends_ = cached.length > 0 && cached.length < seq.length && cached.every((id, i) => id === seq[i]);
  if (!extends_) session.reset();
  // The new positions go in at once (a prompt is fed in chunks, not token by token); the time is
  // the worker's own, so the page can show it honestly.
  const fresh = seq.slice(extends_ ? cached.length : 0);
  const started = performance.now();
  const logits = session.pushAll(fresh);
  const ms = performance.now() - started;
  return {
    ms,
    pushed: fresh.length,
    ids: seq,
    text: s.tokenizer.decode(seq),
    logits: Float32Array.from(logits),
  };
}

export async function evaluateText({ slot, text }: ExplorerJobs['evaluateText']['input']): Promise<TextLoss> {
  const s = requireSession(slot);
  if (text.trim().length === 0) throw new GlassboxError('the sentence is empty: pick or type one');
  const tokens = encodePieces(s, text);
  if (tokens.length < 2) {
    throw new GlassboxError(
      'the text is a single token; a loss needs at least one token to predict from another',
    );
  }
  const result = evaluateTokens(
    s.model,
    tokens.map((t) => t.id),
  );
  const losses = Array.from(result.perToken);
  const bytes = utf8.encode(
    tokens
      .slice(1)
      .map((t) => t.text)
      .join(''),
  ).length;
  return {
    tokens,
    losses,
    probs: losses.map((l) => Math.exp(-l)),
    mean: result.loss,
    perplexity: perplexity(result.loss),
    bitsPerByte: bitsPerByte(result.loss, result.tokens, bytes),
    bytes,
  };
}

export async function validationSentences({
  slot,
  count,
}: ExplorerJobs['validationSentences']['input']): Out<'validationSentences'> {
  const s = requireSession(slot);
  let text = s.data?.valText;
  if (text === undefined) {
    const corpus = s.record && builtInCorpus(s.record.corpus);
    text = corpus ? await validationTail(corpus) : '';
  }
  const sentences = text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((x) => x.trim())
    .filter((x) => x.length >= 20 && x.length <= 160 && !x.includes('<unk>'));
  // Evenly spaced through the validation text, so the choice is the same every time.
  const step = Math.max(1, Math.floor(sentences.length / count));
  return sentences.filter((_, i) => i % step === 0).slice(0, count);
}
