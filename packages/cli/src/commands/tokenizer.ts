// `glassbox tokenizer train`: learn a tokenizer (byte-level BPE, char or word) from text files and
// save it as a Hugging Face tokenizer.json, with a progress bar while BPE trains and a summary of
// the vocabulary and how well it compresses the training text.

import { GlassboxError } from '@glassbox/model';
import { checkOutput, readTextFile, TRAINING_TEXT_LIMIT, writeFileAtomic } from '@glassbox/model/node';
import {
  type MergeRecord,
  type Tokenizer,
  type TokenizerKind,
  trainBpe,
  trainTokenizer,
  visibleWhitespace,
} from '@glassbox/model/tokenizer';
import { type Command, Option } from 'commander';
import { action } from '../ui/run.js';
import { fmt } from '../ui/table.js';
import { parseInteger, progressLine } from './tokenizer-io.js';

interface TrainFlags {
  type: TokenizerKind;
  vocabSize?: string;
  input: string[];
  out: string;
  minFrequency?: string;
  special?: string;
  force?: boolean;
}

export function registerTokenizer(program: Command): void {
  const tokenizer = program
    .command('tokenizer')
    .description('train tokenizers (see also: tokenize, detokenize)');
  tokenizer
    .command('train')
    .description('learn a tokenizer from text files and save it as a Hugging Face tokenizer.json')
    .addOption(new Option('--type <kind>', 'tokenizer kind').choices(['bpe', 'char', 'word']).default('bpe'))
    .option('--vocab-size <n>', 'vocabulary size, special tokens included (bpe, word; char: an upper bound)')
    .requiredOption('--input <files...>', 'text files to learn from (UTF-8)')
    .option('--out <file>', 'where to write the tokenizer', 'tokenizer.json')
    .option('--force', 'replace --out if it exists')
    .option('--min-frequency <n>', 'leave out pairs (bpe) or words (word) seen fewer times')
    .option('--special <tokens>', 'comma-separated special tokens (bpe default: <|endoftext|>)')
    .action(action(trainCommand));
}

async function trainCommand(flags: TrainFlags): Promise<void> {
  const vocabSize =
    flags.vocabSize === undefined ? undefined : parseInteger(flags.vocabSize, '--vocab-size', 1);
  const minFrequency =
    flags.minFrequency === undefined ? undefined : parseInteger(flags.minFrequency, '--min-frequency', 1);
  const specialTokens = flags.special?.split(',').filter((s) => s !== '');
  await checkOutput(flags.out, { force: flags.force });
  const texts: string[] = [];
  let total = 0;
  for (const f of flags.input) {
    const text = await readTextFile(f, 'input file', TRAINING_TEXT_LIMIT);
    total += Buffer.byteLength(text);
    if (total > TRAINING_TEXT_LIMIT)
      throw new GlassboxError(
        `the inputs hold more than the ${TRAINING_TEXT_LIMIT / 2 ** 20} MiB a tokenizer trains on; give a sample of them`,
        f,
      );
    texts.push(text);
  }
  if (texts.every((t) => t === ''))
    throw new GlassboxError(
      'the input is empty: there is no text to learn a vocabulary from',
      flags.input[0],
    );
  const started = performance.now();
  let tok: Tokenizer;
  let merges: MergeRecord[] = [];
  if (flags.type === 'bpe') {
    if (vocabSize === undefined)
      throw new GlassboxError('a bpe tokenizer needs a vocabulary size', '--vocab-size');
    const result = trainBpe({ texts, vocabSize, minFrequency, specialTokens, onProgress: progressLine() });
    if (process.stderr.isTTY) process.stderr.write('\n');
    tok = result.tokenizer;
    merges = result.merges;
  } else {
    tok = trainTokenizer({ type: flags.type, texts, vocabSize, minFrequency, specialTokens });
  }
  const seconds = (performance.now() - started) / 1000;
  await writeFileAtomic(flags.out, `${JSON.stringify(tok.toJSON())}\n`);
  console.log(summary(tok, merges, texts, seconds, flags));
}

/** Vocabulary and compression on the training text, in a few lines. */
function summary(
  tok: Tokenizer,
  merges: MergeRecord[],
  texts: string[],
  seconds: number,
  flags: TrainFlags,
): string {
  const chars = texts.reduce((n, t) => n + [...t].length, 0);
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
  const unk = tok.specialTokens.get('<unk>');
  let tokens = 0;
  let unknown = 0;
  for (const t of texts) {
    const ids = tok.encode(t);
    tokens += ids.length;
    if (unk !== undefined) unknown += ids.filter((id) => id === unk).length;
  }
  const specials = [...tok.specialTokens.keys()];
  const parts = [
    `trained a ${tok.kind} tokenizer in ${fmt(seconds)} s on ${texts.length} file(s): ` +
      `${chars.toLocaleString('en-US')} characters, ${bytes.toLocaleString('en-US')} bytes`,
    `vocabulary: ${tok.vocabSize.toLocaleString('en-US')} tokens` +
      (tok.kind === 'bpe' ? ` = 256 bytes + ${merges.length.toLocaleString('en-US')} merges +` : ',') +
      ` ${specials.length} special (${specials.join(' ') || 'none'})`,
    `compression on the training text: ${tokens.toLocaleString('en-US')} tokens, ` +
      `${fmt(bytes / Math.max(1, tokens))} bytes/token, ${fmt(chars / Math.max(1, tokens))} characters/token` +
      (unk !== undefined ? `, ${fmt((100 * unknown) / Math.max(1, tokens))} % <unk>` : ''),
  ];
  if (merges.length > 0) {
    const show = (m: MergeRecord) =>
      `${visibleWhitespace(m.leftText)} + ${visibleWhitespace(m.rightText)} → ${visibleWhitespace(m.text)} (${m.count})`;
    parts.push(`first merges: ${merges.slice(0, 5).map(show).join(', ')}`);
    parts.push(`last merges: ${merges.slice(-3).map(show).join(', ')}`);
  }
  const asked = flags.vocabSize === undefined ? undefined : Number(flags.vocabSize);
  if (asked !== undefined && tok.vocabSize < asked) {
    const more =
      tok.kind === 'bpe' ? 'pairs to merge' : `distinct ${tok.kind === 'word' ? 'words' : 'characters'}`;
    const freq = flags.minFrequency !== undefined ? ` seen at least ${flags.minFrequency} times` : '';
    parts.push(
      `note: ${tok.vocabSize.toLocaleString('en-US')} tokens, fewer than the ${asked.toLocaleString('en-US')} asked for: the training text holds no more ${more}${freq}`,
    );
  }
  parts.push(`wrote ${flags.out}`);
  return parts.join('\n');
}
