// GPT-2's real vocabulary (tiktoken's r50k_base, the "gpt2" encoding): 50,256 byte-level BPE
// tokens plus <|endoftext|> = 50256. The ranks ship inside the npm package js-tiktoken (installed
// with glassbox, so nothing is fetched at run time) and are loaded with a dynamic import, which a
// bundler turns into a separate chunk that the browser fetches only when GPT-2 is chosen.
// Encoding follows tiktoken's rule (bpe-model.ts fromRanks) with GPT-2's pattern using Unicode
// White_Space, so ids equal tiktoken's on any text.

import { GlassboxError } from '../util/errors.js';
import { BpeTokenizer } from './bpe.js';
import { BpeModel } from './bpe-model.js';
import { withUnicodeWhitespace } from './pretokenize.js';

/** A tiktoken ranks file in js-tiktoken's compact form. */
export interface TiktokenRanks {
  pat_str: string;
  special_tokens: Record<string, number>;
  /** Lines of "<name> <first rank> <base64 token> <base64 token> …"; ranks count up along a line. */
  bpe_ranks: string;
}

function base64Bytes(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** A BPE tokenizer from tiktoken ranks (id = rank). */
export function bpeFromTiktokenRanks(data: TiktokenRanks): BpeTokenizer {
  const tokenBytes: (Uint8Array | undefined)[] = [];
  for (const line of data.bpe_ranks.split('\n')) {
    if (line === '') continue;
    const fields = line.split(' ');
    const first = Number.parseInt(fields[1], 10);
    if (!Number.isInteger(first)) throw new GlassboxError('not a tiktoken ranks file: bad rank');
    for (let i = 2; i < fields.length; i++) tokenBytes[first + i - 2] = base64Bytes(fields[i]);
  }
  const specials = new Map(Object.entries(data.special_tokens));
  return new BpeTokenizer(BpeModel.fromRanks(tokenBytes), specials, withUnicodeWhitespace(data.pat_str));
}

let gpt2: Promise<BpeTokenizer> | undefined;

/** GPT-2's tokenizer (loaded once, then shared). */
export function loadGpt2(): Promise<BpeTokenizer> {
  gpt2 ??= import('js-tiktoken/ranks/gpt2').then((m) => bpeFromTiktokenRanks(m.default as TiktokenRanks));
  return gpt2;
}
