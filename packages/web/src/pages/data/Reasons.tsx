// Every removal reason with its stage, count and meaning; choosing one shows the removed examples
// kept for it — the measured value against the threshold, and the start of the text.

import { type DataStats, explainReason, reasonCounts } from '@glassbox/model/data';
import { STAGE_LABELS } from './Funnel';

const num = (x: number) => (Number.isInteger(x) ? x.toLocaleString('en-US') : x.toPrecision(3));

export function Reasons({
  stats,
  selected,
  onSelect,
}: {
  stats: DataStats;
  selected?: string;
  onSelect: (reason: string) => void;
}) {
  const rows = reasonCounts(stats);
  if (rows.length === 0) return <p className="muted">Nothing was removed.</p>;
  return (
    <table className="reasons" data-testid="reasons">
      <thead>
        <tr>
          <th>stage</th>
          <th>reason</th>
          <th>documents</th>
          <th>what it means</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr
            key={`${r.stage}/${r.reason}`}
            className={r.reason === selected ? 'selected' : undefined}
            onClick={() => onSelect(r.reason)}
          >
            <td>{STAGE_LABELS[r.stage] ?? r.stage}</td>
            <td>
              <button type="button" className="link" onClick={() => onSelect(r.reason)}>
                {r.reason}
              </button>
            </td>
            <td className="num">{r.count.toLocaleString('en-US')}</td>
            <td>{explainReason(r.reason)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Examples({ stats, reason }: { stats: DataStats; reason: string }) {
  const examples = stats.examples.filter((e) => e.reason === reason);
  const issues = stats.issues.first.filter((i) => i.reason === reason);
  return (
    <div className="examples" data-testid="examples">
      <h3>{reason}</h3>
      <p>{explainReason(reason)}</p>
      {issues.map((i) => (
        <p key={`${i.source}:${i.line}`} className="issue">
          <code>{i.line ? `${i.source}:${i.line}` : i.source}</code> {i.message}
        </p>
      ))}
      {examples.map((e) => (
        <article key={`${e.source}/${e.id}`} className="example">
          <header>
            <code>{e.id}</code>
            {e.duplicateOf && (
              <>
                {' '}
                duplicates <code>{e.duplicateOf}</code>
              </>
            )}
            <span className="measure">
              {e.detail ?? `value ${num(e.value)}`}
              {e.threshold !== 0 && ` · threshold ${num(e.threshold)}`}
            </span>
          </header>
          <pre>{e.excerpt}</pre>
        </article>
      ))}
      {examples.length === 0 && issues.length === 0 && (
        <p className="muted">No example was kept for this reason.</p>
      )}
    </div>
  );
}

/** C4 also edits kept documents: the lines it dropped inside them, by rule. */
export function LinesDropped({ stats }: { stats: DataStats }) {
  const lines = Object.entries(stats.stages.find((s) => s.stage === 'c4')?.linesRemoved ?? {});
  if (lines.length === 0) return null;
  return (
    <p data-testid="lines-dropped">
      C4 also dropped lines inside documents:{' '}
      {lines.map(([rule, n], i) => (
        <span key={rule} title={explainReason(rule)}>
          {i > 0 && ', '}
          {n.toLocaleString('en-US')} {rule.replace('c4_line_', '').replaceAll('_', ' ')}
        </span>
      ))}
      .
    </p>
  );
}
