// The one way a command names a tokenizer: "gpt2" (GPT-2's real vocabulary), "char", "word:N" or
// "bpe:N" (trained on the command's own text, with <|endoftext|> reserved for word and BPE), the
// path of a Hugging Face tokenizer.json, or a model folder (its tokenizer.json, or GPT-2's
// vocab.json + merges.txt). Training texts are fetched only when needed. The specs without files
// are the run layer's (tokenizerForSpec); this adds the files.

import { existsSync, statSync } from 'node:fs';
import { readFolderTokenizer } from '../checkpoint/hub.js';
import { tokenizerForSpec } from '../run/corpus.js';
import { tokenizerFromJSON } from '../tokenizer/load.js';
import type { Tokenizer } from '../tokenizer/types.js';
import { GlassboxError } from '../util/errors.js';
import { openCheckpointDir } from './checkpoint-dir.js';
import { readTextFile } from './files.js';

export const TOKENIZER_SPEC_HELP = 'gpt2, char, word:N, bpe:N, a tokenizer.json file or a model folder';

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
  if (statSync(spec, { throwIfNoEntry: false })?.isDirectory()) return folderTokenizer(spec);
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

/** The tokenizer of a model folder (or of a run folder's checkpoint/). */
async function folderTokenizer(path: string): Promise<Tokenizer> {
  const opened = await openCheckpointDir(path);
  try {
    const tok = await readFolderTokenizer(opened.files, tokenizerFromJSON, opened.dir);
    if (!tok) throw new GlassboxError('has no tokenizer.json, nor vocab.json + merges.txt', opened.dir);
    return tok;
  } finally {
    await opened.close();
  }
}
