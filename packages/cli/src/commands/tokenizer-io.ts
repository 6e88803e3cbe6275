// What the tokenizer commands share: loading a tokenizer named on the command line (a
// tokenizer.json path, or "gpt2" for GPT-2's real vocabulary), parsing integer flags, drawing
// the training progress line, and showing token pieces side by side.

import { GlassboxError } from '@glassbox/model';
import { tokenizerFromSpec } from '@glassbox/model/node';
import type { Progress } from '@glassbox/model/run';
import { type Tokenizer, visibleWhitespace } from '@glassbox/model/tokenizer';
import pc from 'picocolors';

/** A tokenizer from a tokenizer.json path, or GPT-2's when `spec` is "gpt2" (nothing to train on here). */
export function loadTokenizer(spec: string): Promise<Tokenizer> {
  return tokenizerFromSpec(spec, () => {
    throw new GlassboxError(
      `"${spec}" names a tokenizer to train; give gpt2 or a tokenizer.json file`,
      '--tokenizer',
    );
  });
}

export function parseInteger(value: string, flag: string, min = 0): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new GlassboxError(`expected an integer ≥ ${min}, got "${value}"`, flag);
  return n;
}

const BACKGROUNDS = [pc.bgBlue, pc.bgMagenta, pc.bgCyan, pc.bgYellow, pc.bgGreen];

/**
 * Pieces side by side: on a colour terminal each on its own background; otherwise separated by
 * "|". Spaces stay spaces in colour (the background shows them); newlines keep breaking lines.
 */
export function renderPieces(pieces: readonly string[], colour: boolean): string {
  if (!colour) return pieces.map((p) => visibleWhitespace(p)).join('|');
  return pieces
    .map((p, i) => {
      return BACKGROUNDS[i % BACKGROUNDS.length](pc.black(visibleWhitespace(p, false)));
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
