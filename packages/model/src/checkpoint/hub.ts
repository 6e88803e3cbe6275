// The parts of a GPT-2 folder as the Hugging Face Hub publishes it that are not the weights:
// - the tokenizer as tokenizer.json, or as GPT-2's classic pair vocab.json (token → id) +
//   merges.txt ("#version: 0.2" then one "a b" merge per line), with the special tokens that
//   tokenizer_config.json names (else <|endoftext|>, GPT2Tokenizer's default for bos/eos/unk);
// - generation_config.json (bos/eos ids and sampling defaults), falling back to config.json's ids;
// - refusal of weight files glassbox will not open: pytorch_model.bin (a pickle: loading one can
//   run arbitrary code), TensorFlow and Flax files, and sharded safetensors.
// Not handled: slow-tokenizer options beyond GPT-2's (add_prefix_space, do_lower_case).

import type { Tokenizer } from '../tokenizer/types.js';
import { GlassboxError } from '../util/errors.js';
import { type ModelFolder, readWhole } from './byte-source.js';

export const HUB_FILES = {
  config: 'config.json',
  model: 'model.safetensors',
  tokenizer: 'tokenizer.json',
  vocab: 'vocab.json',
  merges: 'merges.txt',
  tokenizerConfig: 'tokenizer_config.json',
  specialTokensMap: 'special_tokens_map.json',
  generationConfig: 'generation_config.json',
} as const;

const CONVERT =
  'convert it to model.safetensors (in Python: AutoModelForCausalLM.from_pretrained(DIR).save_pretrained(DIR, safe_serialization=True))';

/** Weight files glassbox never opens, and what to say when they are all a folder has. */
const REFUSED: [string, string][] = [
  [
    'pytorch_model.bin',
    `pytorch_model.bin is a Python pickle, and loading a pickle can run code: glassbox never opens one; ${CONVERT}`,
  ],
  [
    'model.safetensors.index.json',
    'the weights are sharded (model.safetensors.index.json); glassbox reads one model.safetensors: save the model again with max_shard_size larger than the model',
  ],
  ['tf_model.h5', `tf_model.h5 holds TensorFlow weights; ${CONVERT}`],
  ['flax_model.msgpack', `flax_model.msgpack holds Flax weights; ${CONVERT}`],
];

/** The reason a folder without model.safetensors cannot be loaded (names the files it has instead). */
export function missingWeightsMessage(files: ModelFolder): string {
  for (const [name, message] of REFUSED) if (files[name]) return message;
  return 'missing model.safetensors; a checkpoint folder holds config.json and model.safetensors';
}

/** What generation_config.json (or config.json) says about generating. */
export interface GenerationDefaults {
  bosTokenId?: number;
  /** Tokens that end a generation (eos_token_id may be one id or a list). */
  eosTokenIds: number[];
  padTokenId?: number;
  doSample?: boolean;
  temperature?: number;
  topK?: number;
  topP?: number;
  maxNewTokens?: number;
}

const dec = new TextDecoder();

export function parseJSONBytes(bytes: Uint8Array, where: string): unknown {
  try {
    return JSON.parse(dec.decode(bytes));
  } catch (e) {
    throw new GlassboxError(`not valid JSON (${(e as Error).message})`, where);
  }
}

/**
 * Generation defaults from generation_config.json when present, else from config.json's ids.
 * Ids outside the vocabulary are refused by name.
 */
export function generationDefaults(
  generation: unknown,
  config: unknown,
  vocabSize: number,
  where: string,
): GenerationDefaults {
  const src = (generation ?? config ?? {}) as Record<string, unknown>;
  const file = generation ? `${where}/generation_config.json` : `${where}/config.json`;
  const id = (key: string): number | undefined => {
    const v = src[key] ?? (config as Record<string, unknown> | undefined)?.[key];
    if (v === undefined || v === null) return undefined;
    if (!Number.isInteger(v) || (v as number) < 0 || (v as number) >= vocabSize) {
      throw new GlassboxError(
        `${key} ${JSON.stringify(v)} is not a token id of this model (0…${vocabSize - 1})`,
        file,
      );
    }
    return v as number;
  };
  const eosRaw = src.eos_token_id ?? (config as Record<string, unknown> | undefined)?.eos_token_id;
  const eosList = Array.isArray(eosRaw) ? eosRaw : eosRaw === undefined || eosRaw === null ? [] : [eosRaw];
  const eosTokenIds = eosList.map((v, i) => {
    if (!Number.isInteger(v) || v < 0 || v >= vocabSize)
      throw new GlassboxError(
        `eos_token_id[${i}] ${JSON.stringify(v)} is not a token id of this model`,
        file,
      );
    return v as number;
  });
  const num = (key: string) => (typeof src[key] === 'number' ? (src[key] as number) : undefined);
  return {
    bosTokenId: id('bos_token_id'),
    eosTokenIds,
    padTokenId: id('pad_token_id'),
    doSample: typeof src.do_sample === 'boolean' ? src.do_sample : undefined,
    temperature: num('temperature'),
    topK: num('top_k'),
    topP: num('top_p'),
    maxNewTokens: num('max_new_tokens'),
  };
}

/** The text of a special-token entry in tokenizer_config.json ("<|endoftext|>" or {content: …}). */
function tokenText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { content?: unknown }).content === 'string')
    return (v as { content: string }).content;
  return undefined;
}

/** Special tokens of a classic vocab.json + merges.txt tokenizer, text → id. */
function classicSpecials(
  vocab: Record<string, number>,
  tokenizerConfig: Record<string, unknown> | undefined,
): Map<string, number> {
  const out = new Map<string, number>();
  const decoder = tokenizerConfig?.added_tokens_decoder;
  if (decoder && typeof decoder === 'object') {
    for (const [id, entry] of Object.entries(decoder as Record<string, unknown>)) {
      const text = tokenText(entry);
      if (text !== undefined && (entry as { special?: boolean }).special !== false) out.set(text, Number(id));
    }
  }
  const named = ['bos_token', 'eos_token', 'unk_token', 'pad_token'].map((k) =>
    tokenText(tokenizerConfig?.[k]),
  );
  for (const text of [...named, '<|endoftext|>']) {
    if (text !== undefined && !out.has(text) && vocab[text] !== undefined) out.set(text, vocab[text]);
  }
  return out;
}

/**
 * GPT-2's classic vocab.json + merges.txt as the tokenizer.json object the tokenizer loader reads
 * (the Hub's own GPT-2 form: a ByteLevel pre-tokenizer with GPT-2's regex, merges as "a b").
 */
export function classicToTokenizerJSON(
  vocabBytes: Uint8Array,
  mergesBytes: Uint8Array,
  tokenizerConfig: unknown,
  where: string,
): unknown {
  const vocab = parseJSONBytes(vocabBytes, `${where}/vocab.json`);
  if (typeof vocab !== 'object' || vocab === null || Array.isArray(vocab))
    throw new GlassboxError('not a vocabulary: expected a JSON object of token → id', `${where}/vocab.json`);
  const merges = dec
    .decode(mergesBytes)
    .split(/\r?\n/)
    .filter((line, i) => line !== '' && !(i === 0 && line.startsWith('#version')));
  merges.forEach((line, i) => {
    if (line.split(' ').length !== 2)
      throw new GlassboxError(
        `line ${i + 2}: a merge is two tokens separated by one space, got "${line}"`,
        `${where}/merges.txt`,
      );
  });
  const specials = classicSpecials(
    vocab as Record<string, number>,
    tokenizerConfig as Record<string, unknown> | undefined,
  );
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [...specials].map(([content, id]) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: true,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      vocab,
      merges,
    },
  };
}

/**
 * The folder's tokenizer: tokenizer.json, else vocab.json + merges.txt; undefined when it has
 * neither (a model without a tokenizer can still be inspected by ids).
 */
export async function readFolderTokenizer(
  files: ModelFolder,
  parse: (json: unknown, where?: string) => Tokenizer,
  where: string,
): Promise<Tokenizer | undefined> {
  const tj = files[HUB_FILES.tokenizer];
  if (tj) {
    const name = `${where}/${HUB_FILES.tokenizer}`;
    return parse(parseJSONBytes(await readWhole(tj, name), name), name);
  }
  const vocab = files[HUB_FILES.vocab];
  const merges = files[HUB_FILES.merges];
  if (!vocab && !merges) return undefined;
  if (!vocab || !merges) {
    throw new GlassboxError(
      `has ${vocab ? 'vocab.json but no merges.txt' : 'merges.txt but no vocab.json'}; GPT-2's classic tokenizer needs both (or a tokenizer.json)`,
      where,
    );
  }
  const tcFile = files[HUB_FILES.tokenizerConfig];
  const tc = tcFile
    ? parseJSONBytes(
        await readWhole(tcFile, HUB_FILES.tokenizerConfig),
        `${where}/${HUB_FILES.tokenizerConfig}`,
      )
    : undefined;
  const json = classicToTokenizerJSON(
    await readWhole(vocab, HUB_FILES.vocab),
    await readWhole(merges, HUB_FILES.merges),
    tc,
    where,
  );
  return parse(json, `${where}/vocab.json + merges.txt`);
}
