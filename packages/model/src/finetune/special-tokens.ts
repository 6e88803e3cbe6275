// Adding special tokens to a tokenizer of any kind, the way Hugging Face's add_special_tokens
// does: each missing token gets the next free id (after every existing one) and joins the file's
// added_tokens list (and its model vocab, which the WordLevel form requires); the tokenizer is
// then rebuilt from that file, so what is saved is exactly what is used. Tokens the tokenizer
// already has as special tokens keep their ids. Ordinary text is encoded exactly as before.

import type { HFTokenizerJSON } from '../tokenizer/hf-json.js';
import { tokenizerFromJSON } from '../tokenizer/load.js';
import type { Tokenizer } from '../tokenizer/types.js';
import { GlassboxError } from '../util/errors.js';

export interface AddedTokens {
  tokenizer: Tokenizer;
  /** The tokens that were missing, with their new ids (empty when nothing changed). */
  added: { token: string; id: number }[];
}

export function addSpecialTokens(
  tokenizer: Tokenizer,
  tokens: readonly string[],
  parse: (json: unknown) => Tokenizer = tokenizerFromJSON,
): AddedTokens {
  const missing = tokens.filter((t) => !tokenizer.specialTokens.has(t));
  if (missing.length === 0) return { tokenizer, added: [] };
  for (const t of missing) {
    if (tokenizer.tokenToId(t) !== undefined) {
      throw new GlassboxError(
        `"${t}" is already an ordinary token of this tokenizer, so it cannot become a special one`,
      );
    }
  }
  // A deep copy: toJSON may hand out the tokenizer's own objects.
  const json = JSON.parse(JSON.stringify(tokenizer.toJSON())) as HFTokenizerJSON;
  const vocab = (json.model as { vocab?: unknown }).vocab;
  const added = missing.map((token, i) => ({ token, id: tokenizer.vocabSize + i }));
  for (const { token, id } of added) {
    json.added_tokens.push({
      id,
      content: token,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    });
    if (vocab && typeof vocab === 'object' && !Array.isArray(vocab))
      (vocab as Record<string, number>)[token] = id;
  }
  const grown = parse(json);
  for (const { token, id } of added) {
    if (grown.specialTokens.get(token) !== id)
      throw new Error(`adding special token ${token}: the rebuilt tokenizer gives it another id`);
  }
  return { tokenizer: grown, added };
}
