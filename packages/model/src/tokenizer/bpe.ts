// The byte-level BPE tokenizer (GPT-2 style): special tokens are cut out first (when allowed),
// the rest is pre-tokenized by a regex (GPT-2's pattern by default), each piece is turned into
// UTF-8 bytes and merged by the model's merge table. Every byte has a token, so any text encodes
// and decodes back exactly. Pieces repeat a lot in real text, so their ids are cached.
// Training lives in bpe-train.ts, the tokenizer.json form in hf-bpe.ts, GPT-2's vocabulary in gpt2.ts.

import { GlassboxError } from '../util/errors.js';
import { encodePiece } from './bpe-encode.js';
import type { BpeModel } from './bpe-model.js';
import { bpeToJSON } from './hf-bpe.js';
import { compilePattern, forEachPiece } from './pretokenize.js';
import { allowedSpecials, splitOnSpecials } from './special.js';
import type { EncodeOptions, Tokenizer, TokenSpan } from './types.js';
import { concatBytes, utf8Bytes, utf8Decode } from './utf8.js';

const CACHE_LIMIT = 100_000;

export class BpeTokenizer implements Tokenizer {
  readonly kind = 'bpe' as const;
  readonly vocabSize: number;
  readonly specialTokens: ReadonlyMap<string, number>;
  private readonly specialById = new Map<number, string>();
  private readonly re: RegExp;
  private readonly cache = new Map<string, number | number[]>();

  constructor(
    readonly model: BpeModel,
    specials: ReadonlyMap<string, number>,
    /** The pre-tokenization pattern (see pretokenize.ts). */
    readonly pattern: string,
  ) {
    this.re = compilePattern(pattern);
    this.specialTokens = specials;
    let size = model.tokenBytes.length;
    for (const [text, id] of specials) {
      if (model.tokenBytes[id] !== undefined)
        throw new GlassboxError(`special token "${text}" reuses ordinary id ${id}`);
      this.specialById.set(id, text);
      size = Math.max(size, id + 1);
    }
    this.vocabSize = size;
  }

  encode(text: string, opts?: EncodeOptions): number[] {
    const out: number[] = [];
    for (const seg of splitOnSpecials(text, allowedSpecials(this.specialTokens, opts?.allowedSpecial))) {
      if (seg.special !== undefined) out.push(seg.special);
      else this.encodeOrdinary(seg.text, out);
    }
    return out;
  }

  /** The hot loop: pre-tokenize with the regex and append each piece's ids. */
  private encodeOrdinary(text: string, out: number[]): void {
    forEachPiece(text, this.re, (piece) => this.pushPiece(piece, out));
  }

  private pushPiece(piece: string, out: number[]): void {
    const ids = this.pieceIds(piece);
    if (typeof ids === 'number') out.push(ids);
    else for (let i = 0; i < ids.length; i++) out.push(ids[i]);
  }

  explain(text: string, opts?: EncodeOptions): TokenSpan[] {
    const out: TokenSpan[] = [];
    let at = 0;
    for (const seg of splitOnSpecials(text, allowedSpecials(this.specialTokens, opts?.allowedSpecial))) {
      const ids: number[] = [];
      if (seg.special !== undefined) ids.push(seg.special);
      else this.encodeOrdinary(seg.text, ids);
      for (const id of ids) {
        const bytes = this.bytesOf(id);
        out.push({ id, text: utf8Decode(bytes), start: at, end: at + bytes.length });
        at += bytes.length;
      }
    }
    return out;
  }

  /** Ids of one pre-tokenized piece: one id, or several (cached; callers must not modify the array). */
  private pieceIds(piece: string): number | number[] {
    let ids = this.cache.get(piece);
    if (ids === undefined) {
      const list: number[] = [];
      encodePiece(this.model, pieceBytes(piece), list);
      ids = list.length === 1 ? list[0] : list;
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(piece, ids);
    }
    return ids;
  }

  private bytesOf(id: number): Uint8Array {
    const bytes = this.model.tokenBytes[id];
    if (bytes !== undefined) return bytes;
    const special = this.specialById.get(id);
    if (special !== undefined) return utf8Bytes(special);
    throw new GlassboxError(`token id ${id} is out of range (vocabulary size ${this.vocabSize})`);
  }

  decodeBytes(ids: ArrayLike<number>): Uint8Array {
    const parts: Uint8Array[] = new Array(ids.length);
    for (let i = 0; i < ids.length; i++) parts[i] = this.bytesOf(ids[i]);
    return concatBytes(parts);
  }

  decode(ids: ArrayLike<number>): string {
    return utf8Decode(this.decodeBytes(ids));
  }

  /** The vocabulary-file form ("Ġthe" for " the"), or the special token's text. */
  idToToken(id: number): string | undefined {
    return this.model.tokenText[id] ?? this.specialById.get(id);
  }

  tokenToId(token: string): number | undefined {
    return this.model.textIds.get(token) ?? this.specialTokens.get(token);
  }

  /** The text a token stands for (lossy for a token that holds part of a character). */
  tokenString(id: number): string {
    return utf8Decode(this.bytesOf(id));
  }

  toJSON(): unknown {
    return bpeToJSON(this);
  }
}

/** UTF-8 of a piece, with a fast path for ASCII (most pieces of English text). */
function pieceBytes(piece: string): Uint8Array {
  const n = piece.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = piece.charCodeAt(i);
    if (c >= 0x80) return utf8Bytes(piece);
    out[i] = c;
  }
  return out;
}
