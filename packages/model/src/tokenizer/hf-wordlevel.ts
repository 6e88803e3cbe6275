// Hugging Face tokenizer.json for the char and word kinds: a WordLevel model (token → id, with an
// unknown-token), a Split pre-tokenizer holding our pattern, and a Fuse decoder that concatenates
// pieces. The char kind is recognised on load by its pattern, one piece per code point.

import { GlassboxError } from '../util/errors.js';
import {
  asHFJSON,
  type HFTokenizerJSON,
  hfSkeleton,
  hfSpecials,
  hfSplit,
  hfSplitPattern,
} from './hf-json.js';
import { checkPatternSafety } from './pattern-safety.js';
import { CHAR_PATTERN, withUnicodeWhitespace } from './pretokenize.js';
import { VocabTokenizer } from './vocab-tokenizer.js';

export function wordLevelToJSON(tok: VocabTokenizer): HFTokenizerJSON {
  const vocab: Record<string, number> = {};
  tok.vocabulary().forEach((t, id) => {
    vocab[t] = id;
  });
  return hfSkeleton({
    specials: tok.specialTokens,
    preTokenizer: hfSplit(tok.pattern),
    decoder: { type: 'Fuse' },
    // The format requires an unk_token; a tokenizer without one names a token not in its vocabulary.
    model: { type: 'WordLevel', vocab, unk_token: tok.unkToken ?? '<unk>' },
  });
}

export function wordLevelFromJSON(json: unknown, where?: string): VocabTokenizer {
  const file = asHFJSON(json, where);
  const model = file.model as { type: string; vocab?: unknown; unk_token?: unknown };
  if (model.type !== 'WordLevel')
    throw new GlassboxError(`expected a WordLevel model, found ${model.type}`, where);
  const pattern = hfSplitPattern(file.pre_tokenizer);
  if (pattern === undefined) {
    throw new GlassboxError(
      'unsupported tokenizer: WordLevel without a Split pre-tokenizer on a regex',
      where,
    );
  }
  if (typeof model.vocab !== 'object' || model.vocab === null) {
    throw new GlassboxError('not a tokenizer file: the WordLevel model has no vocab', where);
  }
  checkPatternSafety(pattern, where);
  const entries = Object.entries(model.vocab as Record<string, unknown>);
  const tokens: string[] = new Array(entries.length);
  for (const [t, id] of entries) {
    if (
      !Number.isInteger(id) ||
      (id as number) < 0 ||
      (id as number) >= entries.length ||
      tokens[id as number]
    ) {
      throw new GlassboxError(
        `vocab ids must be 0 … ${entries.length - 1}, each once (token "${t}" has ${id})`,
        where,
      );
    }
    tokens[id as number] = t;
  }
  const specials = hfSpecials(file);
  for (const [s, id] of specials) {
    if (tokens[id] !== s)
      throw new GlassboxError(`added token "${s}" (id ${id}) does not match the vocab`, where);
  }
  const unk =
    typeof model.unk_token === 'string' && specials.has(model.unk_token) ? model.unk_token : undefined;
  try {
    return new VocabTokenizer({
      kind: pattern === CHAR_PATTERN ? 'char' : 'word',
      pattern: pattern === CHAR_PATTERN ? pattern : withUnicodeWhitespace(pattern),
      tokens,
      special: [...specials.keys()],
      unkToken: unk,
    });
  } catch (e) {
    if (e instanceof SyntaxError)
      throw new GlassboxError(`the Split pattern is not a valid regex: ${e.message}`, where);
    throw e;
  }
}
