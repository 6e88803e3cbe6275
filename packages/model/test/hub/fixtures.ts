// GPT-2 folders exactly as the Hugging Face Hub publishes them, written at test time with
// glassbox's own writers (checkpoint/hub-layout.ts; nothing downloaded, nothing committed):
//   config.json             the keys of openai-community/gpt2's file (dropouts, summary_*, n_ctx, …)
//   model.safetensors       GPT2Model-era names without "transformer." and the attn.bias /
//                           attn.masked_bias buffers (gpt2's form), or GPT2LMHeadModel names with
//                           a tied lm_head.weight copy (distilgpt2's form); F32, F16 or BF16
//   vocab.json + merges.txt GPT-2's classic tokenizer pair, or tokenizer.json in the Hub's form
//   generation_config.json  as transformers writes it from a model config

import type { FloatDtype } from '../../src/checkpoint/dtypes.js';
import { classicToTokenizerJSON } from '../../src/checkpoint/hub.js';
import { hubConfigJSON, hubLayoutTensors } from '../../src/checkpoint/hub-layout.js';
import { type LazyTensor, safetensorsParts } from '../../src/checkpoint/safetensors.js';
import { loadGpt2 } from '../../src/tokenizer/gpt2.js';
import { mergesOf } from '../../src/tokenizer/hf-bpe.js';

export interface HubShape {
  vocabSize: number;
  blockSize: number;
  nLayer: number;
  nHead: number;
  nEmbd: number;
}

export interface HubLayout {
  /** distilgpt2's form: "transformer." names plus lm_head.weight; default gpt2's form. */
  prefixed?: boolean;
  /** The causal-mask buffers h.N.attn.bias and h.N.attn.masked_bias (default true). */
  buffers?: boolean;
  dtype?: FloatDtype;
  tokenizer?: 'classic' | 'json' | 'none';
  generationConfig?: boolean;
  /** Extra config.json keys (e.g. a refused option). */
  configExtra?: Record<string, unknown>;
}

const enc = new TextEncoder();
const json = (v: unknown) => enc.encode(`${JSON.stringify(v, null, 2)}\n`);

export const hubConfig = hubConfigJSON;

type TokenizerFiles = { vocab: Uint8Array; merges: Uint8Array; tokenizerJSON: Uint8Array };
let tokenizerFiles: Promise<TokenizerFiles> | undefined;

/** GPT-2's tokenizer as the Hub's vocab.json + merges.txt and tokenizer.json (made once). */
export function gpt2TokenizerFiles(): Promise<TokenizerFiles> {
  tokenizerFiles ??= makeTokenizerFiles();
  return tokenizerFiles;
}

async function makeTokenizerFiles(): Promise<TokenizerFiles> {
  const tok = await loadGpt2();
  const vocab: Record<string, number> = {};
  for (let id = 0; id < tok.vocabSize; id++) vocab[tok.idToToken(id)!] = id;
  const text = (id: number) => tok.model.tokenText[id] as string;
  const merges = mergesOf(tok.model).map(([a, b]) => `${text(a)} ${text(b)}`);
  const vocabBytes = enc.encode(JSON.stringify(vocab));
  const mergesBytes = enc.encode(`#version: 0.2\n${merges.join('\n')}\n`);
  // The Hub's tokenizer.json for GPT-2 is the same pair in the tokenizers library's form.
  const tokenizerJSON = classicToTokenizerJSON(vocabBytes, mergesBytes, undefined, 'gpt2');
  return {
    vocab: vocabBytes,
    merges: mergesBytes,
    tokenizerJSON: enc.encode(JSON.stringify(tokenizerJSON)),
  };
}

/** The tensors of model.safetensors in the chosen layout; `weight(name)` makes each when its turn comes. */
export function hubTensors(
  s: HubShape,
  weight: (name: string, shape: number[]) => Float32Array,
  layout: HubLayout = {},
): LazyTensor[] {
  return hubLayoutTensors(s, weight, layout);
}

/** The small files of a Hub folder; model.safetensors comes from hubTensors. */
export async function hubSmallFiles(
  s: HubShape,
  layout: HubLayout = {},
): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = { 'config.json': json(hubConfig(s, layout.configExtra)) };
  const tok = layout.tokenizer ?? 'classic';
  if (tok !== 'none') {
    const t = await gpt2TokenizerFiles();
    if (tok === 'classic') Object.assign(files, { 'vocab.json': t.vocab, 'merges.txt': t.merges });
    else files['tokenizer.json'] = t.tokenizerJSON;
  }
  if (layout.generationConfig ?? true) {
    const id = Math.min(50256, s.vocabSize - 1);
    files['generation_config.json'] = json({
      _from_model_config: true,
      bos_token_id: id,
      eos_token_id: id,
      transformers_version: '4.26.0.dev0',
    });
  }
  return files;
}

/** A whole Hub folder in memory (small models). */
export async function hubFolder(
  s: HubShape,
  weight: (name: string, shape: number[]) => Float32Array,
  layout: HubLayout = {},
): Promise<Record<string, Uint8Array>> {
  const parts = [...safetensorsParts(hubTensors(s, weight, layout), { format: 'pt' })];
  const model = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    model.set(p, at);
    at += p.length;
  }
  return { ...(await hubSmallFiles(s, layout)), 'model.safetensors': model };
}

/** Seeded weights that look like a trained GPT-2's in scale (xorshift32: fast enough for 124 M values). */
export function randomWeights(seed: number): (name: string, shape: number[]) => Float32Array {
  return (name, shape) => {
    const n = shape.reduce((a, b) => a * b, 1);
    let s = (seed ^ hash(name)) >>> 0 || 1;
    const out = new Float32Array(n);
    const ln = /ln_|\.bias$/.test(name);
    const scale = name.startsWith('wpe') ? 0.01 : 0.05;
    for (let i = 0; i < n; i++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      const u = (s >>> 0) / 4294967296 - 0.5;
      out[i] = ln && name.endsWith('weight') ? 1 + 0.2 * u : ln ? 0.1 * u : scale * 3.4 * u;
    }
    return out;
  };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
