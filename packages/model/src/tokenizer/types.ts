// The Tokenizer interface every kind implements (char, word, byte-level BPE, GPT-2's real
// vocabulary). Text in, integer ids out, and back; `explain` says which piece of the text each id
// covers, which is what the Tokens page colours.

export type TokenizerKind = 'char' | 'word' | 'bpe';

/** One token of an encoded text. */
export interface TokenSpan {
  id: number;
  /** The token's text as shown to a person (whitespace kept; may be a partial character for BPE). */
  text: string;
  /** Byte span in the UTF-8 encoding of the input: [start, end). */
  start: number;
  end: number;
}

export interface EncodeOptions {
  /**
   * Special tokens allowed to appear literally in the text (e.g. "<|endoftext|>"). By default
   * none: special-token strings in the text are encoded as ordinary text.
   */
  allowedSpecial?: 'all' | readonly string[];
}

export interface Tokenizer {
  readonly kind: TokenizerKind;
  /** Number of ids, special tokens included: ids are 0 … vocabSize − 1. */
  readonly vocabSize: number;
  /** Special tokens by text → id (e.g. "<|endoftext|>" → 50256, "<unk>" → 0). */
  readonly specialTokens: ReadonlyMap<string, number>;

  encode(text: string, opts?: EncodeOptions): number[];
  /** Ids back to text; invalid UTF-8 from partial byte tokens becomes U+FFFD. */
  decode(ids: ArrayLike<number>): string;
  /** Ids back to raw UTF-8 bytes (for streaming output that may end mid-character). */
  decodeBytes(ids: ArrayLike<number>): Uint8Array;

  idToToken(id: number): string | undefined;
  tokenToId(token: string): number | undefined;

  explain(text: string, opts?: EncodeOptions): TokenSpan[];

  /** The Hugging Face tokenizer.json object (serialise with JSON.stringify). */
  toJSON(): unknown;
}
