// The Inside page's data: one forward pass over a prompt (its last tokens, up to the block size and
// MAX_ATTENTION_TOKENS) and,
// from the activations it leaves, every layer's attention probabilities per head; plus each
// token's row of the embedding table and the tokens whose rows point the same way (cosine).
// Not handled: the MLP's activations or the residual stream (not shown yet).

import { GlassboxError } from '@glassbox/model';
import { MAX_ATTENTION_TOKENS } from '@glassbox/model/gpt';
import type { ExplorerJobs, Inside, Neighbour } from '../protocol/explorer';
import { encodePieces } from './inspect';
import { requireSession, type Session } from './sessions';

const NEIGHBOURS = 5;

export async function inspect({ slot, text }: ExplorerJobs['inspect']['input']): Promise<Inside> {
  const s = requireSession(slot);
  const all = encodePieces(s, text);
  if (all.length === 0) throw new GlassboxError('the prompt is empty: type a few words to look inside');
  const { blockSize, nLayer, nHead, nEmbd: C } = s.model.config;
  // Attention maps grow as T² per head and layer: at most the library's limit of tokens are shown.
  const tokens = all.slice(-Math.min(blockSize, MAX_ATTENTION_TOKENS));
  const T = tokens.length;
  // Every layer's attention kept (an inference-only model otherwise shares one buffer across layers).
  s.model.forward({ tokens: tokens.map((t) => t.id), B: 1, T }, { keepAttention: true });
  const acts = s.model.activations!;
  // The attention kernel lays out (1, nHead, T, T) for this T at the start of each layer's buffer.
  const attention = new Float32Array(nLayer * nHead * T * T);
  acts.layers.forEach((L, l) => {
    attention.set(L.att.data.subarray(0, nHead * T * T), l * nHead * T * T);
  });
  const wte = s.model.params.get('wte.weight').data; // (V, C)
  const embeddings = new Float32Array(T * C);
  tokens.forEach((t, i) => {
    embeddings.set(wte.subarray(t.id * C, (t.id + 1) * C), i * C);
  });
  const vocab = (id: number) => displayToken(s, id);
  // Rows past the tokenizer's size pad a rounded-up vocabulary and mean nothing.
  const norms = rowNorms(wte, C, s.tokenizer.vocabSize);
  return {
    tokens,
    dropped: all.length - T,
    nLayer,
    nHead,
    attention,
    nEmbd: C,
    embeddings,
    neighbours: tokens.map((t) => nearestRows(wte, norms, C, t.id, NEIGHBOURS, vocab)),
  };
}

function displayToken(s: Session, id: number): string {
  return s.tokenizer.specialTokens.size > 0 && [...s.tokenizer.specialTokens.values()].includes(id)
    ? (s.tokenizer.idToToken(id) ?? `[${id}]`)
    : s.tokenizer.decode([id]);
}

/** Euclidean length of each of the first V rows of a (·, C) table (1 for an all-zero row). */
export function rowNorms(table: Float32Array, C: number, V: number): Float64Array {
  const norms = new Float64Array(V);
  for (let r = 0; r < V; r++) {
    let n = 0;
    for (let c = 0; c < C; c++) n += table[r * C + c] ** 2;
    norms[r] = Math.sqrt(n) || 1;
  }
  return norms;
}

/** The k rows of `table` (V, C) with the highest cosine to row `id`, itself excluded. */
export function nearestRows(
  table: Float32Array,
  norms: Float64Array,
  C: number,
  id: number,
  k: number,
  name: (id: number) => string,
): Neighbour[] {
  const scored: Neighbour[] = [];
  for (let r = 0; r < norms.length; r++) {
    if (r === id) continue;
    let dot = 0;
    for (let c = 0; c < C; c++) dot += table[id * C + c] * table[r * C + c];
    scored.push({ id: r, text: '', cosine: dot / (norms[id] * norms[r]) });
  }
  scored.sort((a, b) => b.cosine - a.cosine);
  return scored.slice(0, k).map((n) => ({ ...n, text: name(n.id) }));
}
