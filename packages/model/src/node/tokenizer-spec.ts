// The one way a command names a tokenizer: "gpt2" (GPT-2's real vocabulary), "char", "word:N" or
// "bpe:N" (trained on the command's own text, with <|endoftext|> reserved for word and BPE), or
// the path of a Hugging Face tokenizer.json. Training texts are fetched only when needed. The
// specs without files are the run layer's (tokenizerForSpec); this adds the file.

import { existsSync } from 'node:fs';
import { tokenizerForSpec } from '../run/corpus.js';
import { tokenizerFromJSON } from '../tokenizer/load.js';
import type { Tokenizer } from '../tokenizer/types.js';
import { GlassboxError } from '../util/errors.js';
import { readTextFile } from './files.js';

export const TOKENIZER_SPEC_HELP = 'gpt2, char, word:N, bpe:N or a tokenizer.json file';

export interface TokenizerSpecOptions {
  /** Special tokens for trained kinds (default: <|endoftext|> for word and BPE, none for char). */
  specialTokens?: readonly string[];
}

export async function tokenizerFromSpec(
  spec: string,
  texts: () => Promise<Iterable<string>>,
  { specialTokens }: TokenizerSpecOptions = {},
): Promise<Tokenizer> {
  const built = await tokenizerForSpec(spec, texts, specialTokens);
  if (built) return built;
  if (!spec.endsWith('.json') && !existsSync(spec)) {
    throw new GlassboxError(`unknown tokenizer "${spec}"; use ${TOKENIZER_SPEC_HELP}`, {
      field: 'tokenizer',
    });
  }
  const text = await readTextFile(spec, 'tokenizer file');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new GlassboxError(
      `not valid JSON (${(e as Error).message}); expected a Hugging Face tokenizer.json`,
      spec,
    );
  }
  return tokenizerFromJSON(json, spec);
}
