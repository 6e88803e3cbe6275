// A worker job as React state: start(input) runs it and resolves to its output (or undefined after
// an error, which is kept in `error` for the panel to show in place), with its latest progress.

import type { Progress } from '@glassbox/model/run';
import { useCallback, useState } from 'react';
import { run } from '../worker/client';
import type { JobEvent, JobName, Jobs } from '../worker/protocol';

export function useJob<K extends JobName>(job: K) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [progress, setProgress] = useState<JobEvent<K>>();
  const start = useCallback(
    async (
      input: Jobs[K]['input'],
      onProgress?: (p: JobEvent<K>) => void,
    ): Promise<Jobs[K]['output'] | undefined> => {
      setBusy(true);
      setError(undefined);
      setProgress(undefined);
      try {
        return await run(job, input, (p) => {
          setProgress(p);
          onProgress?.(p);
        });
      } catch (e) {
        setError((e as Error).message);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [job],
  );
  return { busy, error, progress, start };
}

/** "step 120 of 400 · loss 1.93" for a progress event. */
export function progressText(p: Progress | undefined): string {
  if (!p) return '';
  const m = Object.entries(p.metrics ?? {})
    .map(([k, v]) => `${k} ${v.toFixed(3)}`)
    .join(' · ');
  return [p.message, p.total ? `step ${p.done} of ${p.total}` : undefined, m].filter(Boolean).join(' · ');
}
