// The funnel: documents left after each stage of curation, as bars scaled to what came in (they
// grow and shrink smoothly as snapshots arrive while a run goes on), with what the stage removed
// beside it (and bytes, since extraction and C4 also trim text inside documents), and under a
// stage that removed something, one example of what it removed and why.

import type { DataStats, Stage } from '@glassbox/model/data';

export const STAGE_LABELS: Record<Stage, string> = {
  read: 'Read',
  url_filter: 'URL filter (block list)',
  extract: 'Main content (Readability)',
  normalize: 'Normalize (NFC, whitespace)',
  language: 'Language (fastText)',
  gopher_repetition: 'Gopher repetition',
  gopher_quality: 'Gopher quality',
  c4: 'C4 rules',
  fineweb: 'FineWeb rules',
  exact_dedup: 'Exact duplicates',
  minhash_dedup: 'Near duplicates (MinHash)',
};

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

export function Funnel({ stats }: { stats: DataStats }) {
  const first = Math.max(1, stats.stages[0]?.docsIn ?? 1);
  return (
    <ol className="funnel" data-testid="funnel">
      {stats.stages.map((s) => {
        const removed = s.docsIn - s.docsOut;
        const example = stats.examples.find((e) => e.stage === s.stage);
        return (
          <li key={s.stage} data-stage={s.stage}>
            <span className="funnel-stage">{STAGE_LABELS[s.stage] ?? s.stage}</span>
            <span className="funnel-bar" aria-hidden="true">
              <span className="kept" style={{ width: `${(100 * s.docsOut) / first}%` }} />
              <span className="cut" style={{ width: `${(100 * removed) / first}%` }} />
            </span>
            <span className="funnel-count">
              <strong>{s.docsOut.toLocaleString('en-US')}</strong>
              {removed > 0 && <span className="cut-count"> −{removed.toLocaleString('en-US')}</span>}
            </span>
            <span className="funnel-bytes muted">{mb(s.bytesOut)}</span>
            {example && (
              <span className="funnel-example muted" data-testid={`example-${s.stage}`}>
                e.g. <code>{example.url ?? example.id}</code> — {example.reason}
                {example.detail ? ` (${example.detail})` : ''}: “
                {example.excerpt.slice(0, 90).replace(/\s+/g, ' ')}
                {example.excerpt.length > 90 ? '…' : ''}”
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
