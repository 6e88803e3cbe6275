// The one way a command names a tokenizer: "gpt2" (GPT-2's real vocabulary), "char", "word:N" or
// "bpe:N" (trained on the command's own text, with <|endoftext|> reserved for word and BPE), the
// path of a Hugging Face tokenizer.json, or a model folder (its tokenizer.json, or GPT-2's
// vocab.json + merges.txt). Training texts are fetched only when needed.

import { existsSync, statSync } from 'node:fs';
import { readFolderTokenizer } from '../checkpoint/hub.js';
import { EOT } from '../data/split.js';
import { loadGpt2 } from '../tokenizer/gpt2.js';
import { tokenizerFromJSON } from '../tokenizer/load.js';
import { trainTokenizer } from '../tokenizer/train.js';
import type { Tokenizer, TokenizerKind } from '../tokenizer/types.js';
import { GlassboxError, isGlassboxError } from '../util/errors.js';
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
  if (spec === 'gpt2') return loadGpt2();
  const trained = /^(char|word|bpe)(?::(\d+))?$/.exec(spec);
  if (!trained) {
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
  const type = trained[1] as TokenizerKind;
  const vocabSize = trained[2] ? Number(trained[2]) : undefined;
  if (type !== 'char' && vocabSize === undefined)
    throw new GlassboxError(`give a vocabulary size, e.g. ${type}:4096`, { field: 'tokenizer' });
  const specials = specialTokens ?? (type === 'char' ? [] : [EOT]);
  const corpus = await texts();
  try {
    return trainTokenizer({ type, vocabSize, texts: corpus, specialTokens: specials });
  } catch (e) {
    // The vocabulary size came inside the spec: point at the spec, not at a separate setting.
    if (isGlassboxError(e) && e.field === 'vocabSize')
      throw new GlassboxError(`"${spec}": ${e.detail}`, { field: 'tokenizer' });
    throw e;
  }
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
