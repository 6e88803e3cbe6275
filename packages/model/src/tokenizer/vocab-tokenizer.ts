// The tokenizer behind the char and word kinds: a pre-tokenization pattern cuts text into pieces
// and a vocabulary maps each piece to an id, or to <unk> when the piece is not in it (or, with no
// <unk>, an error naming the piece). Decoding concatenates the pieces, so encode/decode is
// lossless for any text whose pieces are all in the vocabulary. It does not learn anything:
// char.ts and word.ts build the vocabulary from a corpus.

import { GlassboxError } from '../util/errors.js';
import { wordLevelToJSON } from './hf-wordlevel.js';
import { compilePattern, splitIsolated } from './pretokenize.js';
import { allowedSpecials, splitOnSpecials } from './special.js';
import type { EncodeOptions, Tokenizer, TokenSpan } from './types.js';
import { codePointName, utf8Bytes, utf8Length } from './utf8.js';

export interface VocabTokenizerSpec {
  kind: 'char' | 'word';
  /** The pre-tokenization pattern (see pretokenize.ts). */
  pattern: string;
  /** Token text by id: ids are 0 … tokens.length − 1. */
  tokens: readonly string[];
  /** Which tokens are special (never produced from ordinary text). */
  special: readonly string[];
  /** The token unknown pieces become; it must be one of `special`. None: unknown pieces are an error. */
  unkToken?: string;
}

export class VocabTokenizer implements Tokenizer {
  readonly kind: 'char' | 'word';
  readonly vocabSize: number;
  readonly specialTokens: ReadonlyMap<string, number>;
  readonly pattern: string;
  readonly unkToken: string | undefined;
  private readonly tokens: readonly string[];
  private readonly ids = new Map<string, number>();
  private readonly ordinary = new Map<string, number>();
  private readonly unkId: number | undefined;
  private readonly re: RegExp;

  constructor(spec: VocabTokenizerSpec) {
    this.kind = spec.kind;
    this.pattern = spec.pattern;
    this.tokens = spec.tokens;
    this.vocabSize = spec.tokens.length;
    this.re = compilePattern(spec.pattern);
    const specialSet = new Set(spec.special);
    const specials = new Map<string, number>();
    spec.tokens.forEach((t, id) => {
      if (this.ids.has(t)) throw new GlassboxError(`token "${t}" appears twice in the vocabulary`);
      this.ids.set(t, id);
      if (specialSet.has(t)) specials.set(t, id);
      else this.ordinary.set(t, id);
    });
    for (const s of specialSet) {
      if (!specials.has(s)) throw new GlassboxError(`special token "${s}" is not in the vocabulary`);
    }
    this.specialTokens = specials;
    this.unkToken = spec.unkToken;
    this.unkId = spec.unkToken === undefined ? undefined : specials.get(spec.unkToken);
    if (spec.unkToken !== undefined && this.unkId === undefined) {
      throw new GlassboxError(`unknown-token "${spec.unkToken}" is not a special token of the vocabulary`);
    }
  }

  encode(text: string, opts?: EncodeOptions): number[] {
    const out: number[] = [];
    for (const seg of splitOnSpecials(text, allowedSpecials(this.specialTokens, opts?.allowedSpecial))) {
      if (seg.special !== undefined) out.push(seg.special);
      else for (const piece of this.pieces(seg.text)) out.push(this.pieceId(piece));
    }
    return out;
  }

  explain(text: string, opts?: EncodeOptions): TokenSpan[] {
    const out: TokenSpan[] = [];
    let at = 0;
    for (const seg of splitOnSpecials(text, allowedSpecials(this.specialTokens, opts?.allowedSpecial))) {
      const pieces = seg.special === undefined ? this.pieces(seg.text) : [seg.text];
      for (const piece of pieces) {
        const id = seg.special ?? this.pieceId(piece);
        const end = at + utf8Length(piece);
        out.push({ id, text: piece, start: at, end });
        at = end;
      }
    }
    return out;
  }

  /** Ordinary text cut into pieces; the char kind walks code points without the regex (faster). */
  private pieces(text: string): Iterable<string> {
    return this.kind === 'char' ? text : splitIsolated(text, this.re);
  }

  private pieceId(piece: string): number {
    const id = this.ordinary.get(piece) ?? this.unkId;
    if (id === undefined) {
      const what = this.kind === 'char' ? `character "${piece}" (${codePointName(piece)})` : `"${piece}"`;
      throw new GlassboxError(
        `${what} is not in this ${this.kind} tokenizer's vocabulary, and it has no unknown-token to stand in`,
      );
    }
    return id;
  }

  decode(ids: ArrayLike<number>): string {
    let s = '';
    for (let i = 0; i < ids.length; i++) s += this.token(ids[i]);
    return s;
  }

  decodeBytes(ids: ArrayLike<number>): Uint8Array {
    return utf8Bytes(this.decode(ids));
  }

  private token(id: number): string {
    const t = this.tokens[id];
    if (t === undefined || !Number.isInteger(id)) {
      throw new GlassboxError(`token id ${id} is out of range (vocabulary size ${this.vocabSize})`);
    }
    return t;
  }

  idToToken(id: number): string | undefined {
    return this.tokens[id];
  }

  tokenToId(token: string): number | undefined {
    return this.ids.get(token);
  }

  /** Token texts by id (a copy). */
  vocabulary(): string[] {
    return [...this.tokens];
  }

  toJSON(): unknown {
    return wordLevelToJSON(this);
  }
}
