// The report `data prepare` prints at the end and `data stats` prints from stats.json: a funnel of
// documents and bytes per stage, every removal reason with its count and an example value, the
// duplicate clusters, the problems met while reading, and the token shards.

import { type DataStats, reasonCounts } from '@glassbox/model/data';
import { fmt, formatTable } from '../ui/table.js';

const MB = (bytes: number) => fmt(bytes / 1e6, 3);

export function renderDataReport(stats: DataStats): string {
  const parts: string[] = [];
  parts.push(
    formatTable(
      ['stage', 'docs in', 'docs out', 'removed', 'MB in', 'MB out', 'MB/s'],
      stats.stages.map((s) => [
        s.stage,
        s.docsIn,
        s.docsOut,
        s.docsIn - s.docsOut,
        MB(s.bytesIn),
        MB(s.bytesOut),
        s.seconds ? fmt(s.bytesIn / 1e6 / s.seconds, 3) : '—',
      ]),
    ),
  );

  const reasons = reasonCounts(stats);
  if (reasons.length > 0) {
    const example = (reason: string) => stats.examples.find((e) => e.reason === reason);
    parts.push(
      formatTable(
        ['stage', 'reason', 'docs', 'example', 'value', 'threshold'],
        reasons.map((r) => {
          const e = example(r.reason);
          const value = e ? (e.detail ?? fmt(e.value, 3)) : '—';
          // Rules that are yes/no (a bracket, lorem ipsum, an identical copy) carry threshold 0.
          const threshold = e && e.threshold !== 0 ? fmt(e.threshold, 3) : '—';
          return [
            r.stage,
            r.reason,
            r.count,
            e ? (e.duplicateOf ? `${e.id} ≈ ${e.duplicateOf}` : e.id) : '—',
            value,
            threshold,
          ];
        }),
      ),
    );
  }

  const lines = stats.stages.find((s) => s.stage === 'c4')?.linesRemoved;
  if (lines && Object.keys(lines).length > 0)
    parts.push(
      `lines dropped inside documents (C4): ${Object.entries(lines)
        .map(([k, v]) => `${k.replace('c4_line_', '')} ${v}`)
        .join(', ')}`,
    );

  const notes = stats.stages
    .filter((s) => s.counts)
    .map((s) => {
      const top = Object.entries(s.counts!).sort((a, b) => b[1] - a[1]);
      const shown = top.slice(0, 6).map(([k, v]) => `${k} ${v}`);
      return `${s.stage}: ${shown.join(', ')}${top.length > 6 ? ', …' : ''}`;
    });
  if (notes.length > 0) parts.push(notes.join('\n'));
  const skipped = Object.entries(stats.skipped ?? {});
  if (skipped.length > 0)
    parts.push(
      `records skipped (not web pages): ${skipped.map(([k, v]) => `${k.replace(/^warc_/, '')} ${v}`).join(', ')}`,
    );

  const d = stats.dedup;
  if (d.clusters > 0) {
    const largest = d.largestClusters[0];
    parts.push(
      `near-duplicate clusters: ${d.clusters} (largest: ${largest.kept} kept, ${largest.removed.length} removed: ${largest.removed.slice(0, 5).join(', ')}${largest.removed.length > 5 ? ', …' : ''})`,
    );
  }

  if (stats.input && stats.seconds > 0)
    parts.push(
      `input ${MB(stats.input.bytes)} MB in ${stats.input.files} file${stats.input.files === 1 ? '' : 's'}: ` +
        `${fmt(stats.input.bytes / 1e6 / stats.seconds, 3)} MB/s end to end` +
        (stats.peakMemory ? `, peak memory ${Math.round(stats.peakMemory / 2 ** 20)} MiB` : ''),
    );
  const o = stats.output;
  let kept = `kept ${o.documents.toLocaleString('en-US')} documents, ${MB(o.bytes)} MB`;
  if (o.tokenizer)
    kept += `; tokenizer ${o.tokenizer.kind} (${o.tokenizer.vocabSize} ids) from ${o.tokenizer.from ?? o.tokenizer.file}`;
  parts.push(kept);
  if (o.train) {
    const v = o.validation;
    parts.push(
      `shards: ${o.train.file} ${o.train.tokens.toLocaleString('en-US')} tokens (${o.train.documents} docs)` +
        (v ? `, ${v.file} ${v.tokens.toLocaleString('en-US')} tokens (${v.documents} docs)` : '') +
        `; split seed ${o.seed}, validation fraction ${o.valFraction}`,
    );
  }
  return parts.join('\n\n');
}

/** Read problems, one line each (the first `max`), for the terminal. */
export function renderIssues(stats: DataStats, max = 20): string[] {
  const lines = stats.issues.first
    .slice(0, max)
    .map((i) => `${i.line ? `${i.source}:${i.line}` : i.source}: ${i.message}`);
  if (stats.issues.count > lines.length)
    lines.push(`… and ${stats.issues.count - lines.length} more (see stats.json)`);
  return lines;
}
