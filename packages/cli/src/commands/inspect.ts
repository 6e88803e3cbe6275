// `glassbox inspect MODEL "text"`: one forward pass over the text, shown position by position —
// the token, the probability the model gave it and its −ln p (its loss), the tokens the model
// expected next — then the attention of one layer and head drawn as a heat map with Unicode shades
// (row t: how position t spreads its attention over positions 0…t). --json prints the whole
// inspection. The numbers come from the library (inspectTokens); this file only draws them.

import { GlassboxError } from '@glassbox/model';
import { type Inspection, inspectTokens } from '@glassbox/model/gpt';
import { type Tokenizer, visibleWhitespace } from '@glassbox/model/tokenizer';
import { perplexity } from '@glassbox/model/train';
import type { Command } from 'commander';
import { openModel } from '../model/open.js';
import { action } from '../ui/run.js';
import { fmt, formatTable } from '../ui/table.js';
import { encode, MODEL_ARG, number, THREADS_HELP } from './generate.js';

interface InspectFlags {
  layer?: string;
  head?: string;
  top?: string;
  json?: boolean;
  threads?: string;
}

/** Shades from no attention to all of it; a cell's shade is the first whose bound its weight reaches. */
export const SHADES: [number, string][] = [
  [0.7, '██'],
  [0.4, '▓▓'],
  [0.15, '▒▒'],
  [0.03, '░░'],
  [0, '  '],
];

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('look inside one forward pass: next-token guesses, per-token loss, an attention map')
    .argument('<model>', MODEL_ARG)
    .argument('<text...>', 'the text to look at')
    .option('--layer <n>', 'layer of the attention map (0 = first)', '0')
    .option('--head <n>', 'head of the attention map (0 = first)', '0')
    .option('--top <k>', 'next-token candidates per position', '3')
    .option('--json', 'print the whole inspection as JSON (all layers and heads when the text is short)')
    .option('--threads <n>', THREADS_HELP)
    .action(action(inspectCommand));
}

async function inspectCommand(path: string, words: string[], o: InspectFlags): Promise<void> {
  const whole = (n: number) => Number.isInteger(n) && n >= 0;
  const layer = number(o.layer, '--layer', whole, 'a whole number')!;
  const head = number(o.head, '--head', whole, 'a whole number')!;
  const topK = number(o.top, '--top', (n) => whole(n) && n >= 1, 'a whole number ≥ 1')!;
  const opened = await openModel(path, { threads: o.threads });
  const { model, tokenizer } = opened;
  const text = words.join(' ');
  const ids = encode(tokenizer, text, 'text');
  if (ids.length === 0) throw new GlassboxError('the text has no tokens; give some words');
  const { nLayer, nHead } = model.config;
  if (layer >= nLayer) throw new GlassboxError(`this model has layers 0…${nLayer - 1}`, '--layer');
  if (head >= nHead) throw new GlassboxError(`this model has heads 0…${nHead - 1}`, '--head');
  const r = inspectTokens(model, ids, { topK, attention: { layer, head } });
  if (o.json) {
    const piece = (id: number) => tokenizer.decode([id]);
    console.log(
      JSON.stringify({
        model: opened.dir,
        layer,
        head,
        tokens: r.positions.map((p) => ({
          ...p,
          text: piece(p.id),
          next: p.next.map((c) => ({ id: c.id, text: piece(c.id), p: c.p, nll: c.nll })),
        })),
        loss: Number.isFinite(r.loss) ? r.loss : null,
        attention: Array.from({ length: ids.length }, (_, t) =>
          Array.from(r.attention!.weights.subarray(t * ids.length, (t + 1) * ids.length)),
        ),
      }),
    );
    return;
  }
  console.log(positionsTable(r, tokenizer));
  if (Number.isFinite(r.loss)) {
    console.log(
      `\nmean loss ${fmt(r.loss, 4)} nats/token over ${ids.length - 1} predicted tokens (perplexity ${fmt(perplexity(r.loss))})`,
    );
  }
  console.log(
    `\nattention of layer ${layer}, head ${head} (row: a position; columns: the positions it looks at)`,
  );
  console.log(heatMap(r, tokenizer));
}

function label(tokenizer: Tokenizer, id: number): string {
  return JSON.stringify(visibleWhitespace(tokenizer.decode([id])));
}

function positionsTable(r: Inspection, tokenizer: Tokenizer): string {
  const rows = r.positions.map((p, t) => [
    t,
    label(tokenizer, p.id),
    p.actual ? `${fmt(p.actual.p * 100)}%` : '—',
    p.actual ? fmt(p.actual.nll) : '—',
    p.next.map((c) => `${label(tokenizer, c.id)} ${fmt(c.p * 100, 2)}%`).join('  '),
  ]);
  return formatTable(['#', 'token', 'p', '−ln p', 'expected next (p)'], rows);
}

function shade(w: number): string {
  return SHADES.find(([bound]) => w >= bound)![1];
}

/** Rows of shaded cells, labelled by position and token; a legend of the shades below. */
export function heatMap(r: Inspection, tokenizer: Tokenizer): string {
  const T = r.ids.length;
  const w = r.attention!.weights;
  const labels = r.ids.map(
    (id, t) => `${String(t).padStart(3)} ${label(tokenizer, id).slice(0, 14).padEnd(14)}`,
  );
  const header = `${' '.repeat(19)}${Array.from({ length: T }, (_, u) => String(u % 100).padStart(2)).join('')}`;
  const lines = labels.map(
    (l, t) => `${l} │${Array.from({ length: T }, (_, u) => (u <= t ? shade(w[t * T + u]) : '  ')).join('')}`,
  );
  const legend = SHADES.map(([bound, s]) => `${s === '  ' ? '··' : s} ≥ ${bound}`).join('   ');
  return [header, ...lines, `\nshades: ${legend} (of the row's attention)`].join('\n');
}
