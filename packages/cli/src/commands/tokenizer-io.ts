// What the tokenizer commands share: loading a tokenizer named on the command line (a
// tokenizer.json path, or "gpt2" for GPT-2's real vocabulary), parsing integer flags, drawing
// the training progress line, and showing token pieces with their whitespace made visible.

import {
  GlassboxError,
  loadGpt2,
  type Progress,
  type Tokenizer,
  type TokenSpan,
  tokenizerFromJSON,
} from '@glassbox/model';
import { readTextFile } from '@glassbox/model/node';
import pc from 'picocolors';

/** A tokenizer from a tokenizer.json path, or GPT-2's when `spec` is "gpt2". */
export async function loadTokenizer(spec: string): Promise<Tokenizer> {
  if (spec === 'gpt2') return loadGpt2();
  return tokenizerFromJSON(await readTextFile(spec, 'tokenizer file'), spec);
}

export function parseInteger(value: string, flag: string, min = 0): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new GlassboxError(`expected an integer ≥ ${min}, got "${value}"`, flag);
  return n;
}

/**
 * A piece with whitespace and control characters shown: space ·, newline ↵, tab →, others as
 * <U+XXXX>. With `spaces` false, spaces stay (a coloured background shows them) and newlines
 * still break the line after their ↵.
 */
export function visible(piece: string, spaces = true): string {
  return piece.replace(/[\s\p{Cc}\p{Cf}]/gu, (c) => {
    if (c === ' ') return spaces ? '·' : ' ';
    if (c === '\n') return spaces ? '↵' : '↵\n';
    if (c === '\t') return '→';
    return `<U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * What to show for each token: its text, or — for a byte-level token that holds only part of a
 * character (GPT-2 splits most emoji) — its bytes in hex, e.g. \xF0\x9F.
 */
export function pieceLabels(text: string, spans: readonly TokenSpan[]): string[] {
  const bytes = Buffer.from(text, 'utf8');
  return spans.map((s) => {
    const own = bytes.subarray(s.start, s.end);
    try {
      return strict.decode(own);
    } catch {
      return [...own].map((b) => `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    }
  });
}

const BACKGROUNDS = [pc.bgBlue, pc.bgMagenta, pc.bgCyan, pc.bgYellow, pc.bgGreen];

/**
 * Pieces side by side: on a colour terminal each on its own background; otherwise separated by
 * "|". Spaces stay spaces in colour (the background shows them); newlines keep breaking lines.
 */
export function renderPieces(pieces: readonly string[], colour: boolean): string {
  if (!colour) return pieces.map((p) => visible(p)).join('|');
  return pieces
    .map((p, i) => {
      return BACKGROUNDS[i % BACKGROUNDS.length](pc.black(visible(p, false)));
    })
    .join('');
}

/** A progress callback that redraws one line on a terminal and stays silent otherwise (end it with a newline). */
export function progressLine(stream: NodeJS.WriteStream = process.stderr): (p: Progress) => void {
  if (!stream.isTTY) return () => {};
  return (p) => {
    const frac = p.total ? Math.min(1, p.done / p.total) : 0;
    const width = 30;
    const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
    const what = p.message ?? `${p.done}/${p.total ?? '?'} merges`;
    stream.write(`\r${p.stage} ${bar} ${(frac * 100).toFixed(0).padStart(3)}% ${what}\x1b[K`);
  };
}
