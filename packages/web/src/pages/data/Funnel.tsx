// The funnel: documents left after each stage of curation, as bars scaled to what came in, with
// what the stage removed beside it (and bytes, since C4 also trims lines inside documents).

import type { DataStats, Stage } from '@glassbox/model/data';

export const STAGE_LABELS: Record<Stage, string> = {
  read: 'Read',
  normalize: 'Normalize (NFC, whitespace)',
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
          </li>
        );
      })}
    </ol>
  );
}
