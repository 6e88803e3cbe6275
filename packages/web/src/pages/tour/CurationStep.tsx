// The tour's curated-data step: raw web-like pages (menus, a cookie banner, a copy, spam, a blocked
// site) through the library's filters in the worker — what was kept, and for every removal the
// stage and the reason in words. Does not handle: the learner's own files (the Data page does).

import { useEffect, useState } from 'react';
import { run } from '../../worker/client';
import type { TourJobs } from '../../worker/protocol/tour';

type Verdicts = TourJobs['tourCurate']['output'];

export function CurationStep() {
  const [verdicts, setVerdicts] = useState<Verdicts>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    run('tourCurate', {}).then(setVerdicts, (e: Error) => setError(e.message));
  }, []);
  if (error) return <p className="error">{error}</p>;
  if (!verdicts) return <p aria-busy="true">Filtering the pages…</p>;
  return (
    <table data-testid="curation">
      <thead>
        <tr>
          <th scope="col">raw page</th>
          <th scope="col">bytes</th>
          <th scope="col">verdict</th>
        </tr>
      </thead>
      <tbody>
        {verdicts.map((v) => (
          <tr key={v.id} data-kept={v.kept ? 'yes' : 'no'}>
            <th scope="row">{v.url ?? v.id}</th>
            <td>{v.rawBytes}</td>
            <td>
              {v.kept ? (
                <details>
                  <summary>kept: {v.kept.length} characters of clean text</summary>
                  <p>{v.kept}</p>
                </details>
              ) : (
                <>
                  removed at <strong>{v.removed?.stage}</strong>: {v.removed?.explanation}
                  {v.removed?.detail && ` (${v.removed.detail})`}
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
