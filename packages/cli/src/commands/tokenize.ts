// `glassbox tokenize` and `glassbox detokenize`: text → tokens with a tokenizer file or GPT-2's
// real vocabulary, shown as coloured pieces (whitespace made visible), ids, a per-token table
// (--explain) or JSON, with the token count and bytes per token; and ids → text. `tokenize --ids`
// output piped into `detokenize` gives the text back exactly.

import { GlassboxError } from '@glassbox/model';
import { decodeTextChunks, readTextFile } from '@glassbox/model/node';
import { type TokenSpan, tokenLabels, visibleWhitespace } from '@glassbox/model/tokenizer';
import type { Command } from 'commander';
import { action } from '../ui/run.js';
import { fmt, formatTable } from '../ui/table.js';
import { loadTokenizer, renderPieces } from './tokenizer-io.js';

interface TokenizeFlags {
  tokenizer: string;
  file?: string;
  ids?: boolean;
  explain?: boolean;
  json?: boolean;
  allowSpecial?: boolean;
}

/**
 * Longest text tokenize reads, for a peak near 0.6 GB. The pieces, table and JSON views keep a
 * record per token (16 MB of text peaked at 1.6 GB, 4 MB at 0.53 GB); --ids keeps only the ids
 * (16 MB: 0.59 GB). Measured with GPT-2's tokenizer on tinyshakespeare, 2 cores, 2026-12-03.
 */
const TOKENIZE_LIMIT = 4 * 1024 * 1024;
const IDS_LIMIT = 16 * 1024 * 1024;

function readStdin(maxBytes: number): Promise<string> {
  return decodeTextChunks(process.stdin as AsyncIterable<Uint8Array>, 'standard input', { maxBytes });
}

export function registerTokenize(program: Command): void {
  program
    .command('tokenize')
    .description('split text into tokens and ids: coloured pieces, token count, bytes per token')
    .argument('[text...]', 'the text (or use --file)')
    .option('--tokenizer <file|gpt2>', 'a tokenizer.json, or gpt2 for GPT-2’s vocabulary', 'gpt2')
    .option('--file <path>', 'read the text from a file ("-" for standard input)')
    .option('--ids', 'print only the ids, space-separated')
    .option('--explain', 'print a table: each token’s id, piece and byte span')
    .option('--json', 'print JSON: ids, tokens with byte spans, count, bytes per token')
    .option('--allow-special', 'match special tokens such as <|endoftext|> written in the text')
    .action(action(tokenizeCommand));

  program
    .command('detokenize')
    .description('turn token ids back into text')
    .argument('[ids...]', 'token ids (or pipe them in: space, comma or newline separated, or a JSON array)')
    .option('--tokenizer <file|gpt2>', 'a tokenizer.json, or gpt2 for GPT-2’s vocabulary', 'gpt2')
    .action(action(detokenizeCommand));
}

async function tokenizeCommand(words: string[], flags: TokenizeFlags): Promise<void> {
  if (words.length > 0 && flags.file) throw new GlassboxError('give the text or --file, not both', '--file');
  let text: string;
  const limit = flags.ids && !flags.json && !flags.explain ? IDS_LIMIT : TOKENIZE_LIMIT;
  if (flags.file === '-') text = await readStdin(limit);
  else if (flags.file) text = await readTextFile(flags.file, 'text file to tokenize', limit);
  else if (words.length > 0) text = words.join(' ');
  else
    throw new GlassboxError(
      'no text: give it as arguments, or with --file FILE (--file - reads standard input)',
    );
  const tok = await loadTokenizer(flags.tokenizer);
  const allowedSpecial = flags.allowSpecial ? ('all' as const) : undefined;
  if (limit === IDS_LIMIT) {
    console.log(tok.encode(text, { allowedSpecial }).join(' '));
    return;
  }
  const spans = tok.explain(text, { allowedSpecial });
  const bytes = Buffer.byteLength(text, 'utf8');
  const perToken = spans.length > 0 ? bytes / spans.length : 0;
  const ids = spans.map((s) => s.id);
  if (flags.json) {
    console.log(
      JSON.stringify({
        tokenizer: flags.tokenizer,
        count: spans.length,
        bytes,
        bytesPerToken: perToken,
        ids,
        tokens: spans,
      }),
    );
  } else if (flags.ids) {
    console.log(ids.join(' '));
  } else if (flags.explain) {
    console.log(explainTable(spans, tokenLabels(text, spans)));
    console.log(`\n${countLine(spans.length, bytes, perToken)}`);
  } else {
    console.log(renderPieces(tokenLabels(text, spans), !!process.stdout.isTTY && !process.env.NO_COLOR));
    console.log(ids.join(' '));
    console.log(countLine(spans.length, bytes, perToken));
  }
}

function countLine(count: number, bytes: number, perToken: number): string {
  return `${count.toLocaleString('en-US')} tokens, ${bytes.toLocaleString('en-US')} bytes, ${fmt(perToken)} bytes/token`;
}

function explainTable(spans: TokenSpan[], labels: string[]): string {
  return formatTable(
    ['#', 'id', 'piece', 'bytes'],
    spans.map((s, i) => [i, s.id, visibleWhitespace(labels[i]), `${s.start}–${s.end}`]),
  );
}

async function detokenizeCommand(args: string[], flags: { tokenizer: string }): Promise<void> {
  const raw = args.length > 0 ? args.join(' ') : await readStdin(IDS_LIMIT);
  const trimmed = raw.trim();
  const fields = trimmed.startsWith('[')
    ? parseJsonIds(trimmed)
    : trimmed.split(/[\s,]+/).filter((f) => f !== '');
  const ids = fields.map((f, i) => {
    const n = Number(f);
    if (!Number.isInteger(n) || n < 0)
      throw new GlassboxError(`token id #${i + 1} is not a non-negative integer: ${quoted(f)}`);
    return n;
  });
  const tok = await loadTokenizer(flags.tokenizer);
  process.stdout.write(tok.decode(ids));
}

function parseJsonIds(text: string): string[] {
  try {
    const v = JSON.parse(text);
    if (Array.isArray(v)) return v.map(String);
  } catch {}
  throw new GlassboxError('the input starts with "[" but is not a JSON array of ids');
}

/** Input echoed in a message, quoted with escapes, so control characters (a terminal's escape
 * sequences) show as \u001b rather than act on the terminal; long input is cut. */
function quoted(s: string): string {
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
}
