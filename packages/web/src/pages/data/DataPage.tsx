// The Data page: why pretraining text is curated, shown on real input. Run FineWeb's pipeline in
// the worker on the built-in Brown corpus (as is, or with web-like noise injected), on a Common
// Crawl-like WARC made from it, or on dropped files (.txt, .jsonl, .html, FineWeb's .parquet,
// Common Crawl's .warc.gz and .wet), or load a stats.json from `glassbox data prepare`; watch the
// funnel of documents per stage fill while it runs, with an example of what each stage removed,
// then the count for every removal reason and removed examples with the value each rule measured
// against its threshold.

import { type DataStats, parseDataStats } from '@glassbox/model/data';
import type { Progress } from '@glassbox/model/run';
import { type DragEvent, useState } from 'react';
import { run } from '../../worker/client';
import type { CurateInput, DataEvent } from '../../worker/protocol/data';
import { Funnel } from './Funnel';
import { Examples, LinesDropped, Reasons } from './Reasons';
import './data.css';

const isStatsFile = (f: File) => f.name.toLowerCase().endsWith('.json');
const count = (n: number, what: string) => `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;

export function DataPage() {
  const [stats, setStats] = useState<DataStats>();
  const [label, setLabel] = useState('');
  const [progress, setProgress] = useState<Progress>();
  const [live, setLive] = useState<DataStats>();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string>();
  const [reason, setReason] = useState<string>();
  const [seed, setSeed] = useState(1);
  const [over, setOver] = useState(false);

  const show = (s: DataStats, what: string) => {
    setStats(s);
    setLabel(what);
    const top = s.stages.flatMap((st) => Object.entries(st.removed)).sort((a, b) => b[1] - a[1])[0];
    setReason(top?.[0]);
  };

  const curate = async (input: CurateInput, what: string) => {
    setRunning(true);
    setError(undefined);
    try {
      setStats(undefined);
      setLabel(what);
      const onEvent = (e: DataEvent) => {
        setProgress(e);
        if (e.snapshot) setLive(e.snapshot);
      };
      show(await run('dataCurate', input, onEvent), what);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(false);
      setProgress(undefined);
      setLive(undefined);
    }
  };

  const openFiles = async (files: File[]) => {
    if (files.length === 0) return;
    if (files.length === 1 && isStatsFile(files[0])) {
      try {
        show(parseDataStats(JSON.parse(await files[0].text()), files[0].name), files[0].name);
        setError(undefined);
      } catch (e) {
        setError(`${files[0].name}: ${(e as Error).message}`);
      }
      return;
    }
    await curate({ files, seed }, files.map((f) => f.name).join(', '));
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void openFiles([...e.dataTransfer.files]);
  };

  return (
    <section>
      <h1>Data</h1>
      <p>
        Text scraped from the web is noisy: menus and cookie banners, copies of the same page, spam, code,
        placeholder text, pages in every language. Models pretrain on curated text, made the way FineWeb was
        built: a URL block list, the main content of each page (Readability, as trafilatura does for FineWeb),
        fastText's language identification, Gopher's repetition and quality rules, C4's line rules, FineWeb's
        own rules, then exact and MinHash near-duplicate removal. Every document removed here has a named
        reason and the value that failed the rule. Drop a real Common Crawl WARC or a FineWeb parquet file to
        watch it shrink stage by stage.
      </p>
      <div className="data-controls">
        <button
          type="button"
          disabled={running}
          onClick={() => curate({ source: 'brown-noisy', seed }, 'Brown corpus with injected web noise')}
        >
          Brown corpus + web noise
        </button>
        <button
          type="button"
          disabled={running}
          onClick={() => curate({ source: 'brown', seed }, 'Brown corpus as is')}
        >
          Brown corpus as is
        </button>
        <button
          type="button"
          disabled={running}
          onClick={() => curate({ source: 'crawl', seed }, 'A Common Crawl-like WARC of Brown pages')}
        >
          Web crawl sample (WARC)
        </button>
        <label>
          seed{' '}
          <input
            type="number"
            value={seed}
            min={0}
            style={{ width: '5rem' }}
            onChange={(e) => setSeed(Number(e.target.value) || 0)}
          />
        </label>
        <label
          className={over ? 'drop over' : 'drop'}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
        >
          Drop files to curate them — .txt, .jsonl, .html, FineWeb's .parquet, Common Crawl's .warc.gz or .wet
          — or a stats.json to view it —{' '}
          <input
            type="file"
            multiple
            data-testid="data-files"
            disabled={running}
            onChange={(e) => void openFiles([...(e.target.files ?? [])])}
          />
        </label>
      </div>
      {running && (
        <p aria-busy="true">
          {progress?.stage === 'curate' && progress.total ? (
            <>
              <progress value={progress.done} max={progress.total} /> curating… kept{' '}
              {progress.metrics?.kept ?? 0}, removed {progress.metrics?.removed ?? 0}
            </>
          ) : (
            (progress?.message ?? 'starting…')
          )}
        </p>
      )}
      {error && <p className="error">{error}</p>}
      {running && live && (
        <>
          <h2>{label}</h2>
          <Funnel stats={live} />
        </>
      )}
      {stats && <Report stats={stats} label={label} reason={reason} onReason={setReason} />}
    </section>
  );
}

function Report({
  stats,
  label,
  reason,
  onReason,
}: {
  stats: DataStats;
  label: string;
  reason?: string;
  onReason: (r: string) => void;
}) {
  const first = stats.stages[0];
  const kept = stats.output.documents;
  const href = URL.createObjectURL(new Blob([JSON.stringify(stats, null, 2)], { type: 'application/json' }));
  return (
    <>
      <h2>{label}</h2>
      <p data-testid="data-summary">
        {count(first.docsOut, 'document')} read
        {stats.issues.count > 0 && ` (${count(stats.issues.count, 'problem')} in the input skipped)`},{' '}
        {kept.toLocaleString('en-US')} kept ({Math.round((100 * kept) / Math.max(1, first.docsOut))} %),{' '}
        {(first.bytesOut / 1e6).toFixed(2)} MB → {(stats.output.bytes / 1e6).toFixed(2)} MB in{' '}
        {stats.seconds.toFixed(1)} s.{' '}
        <a href={href} download="stats.json">
          Download stats.json
        </a>
      </p>
      {Object.keys(stats.skipped ?? {}).length > 0 && (
        <p className="muted" data-testid="data-skipped">
          Records passed over (not web pages):{' '}
          {Object.entries(stats.skipped ?? {})
            .map(([k, v]) => `${k.replace(/^warc_/, '')} ${v.toLocaleString('en-US')}`)
            .join(', ')}
          .
        </p>
      )}
      <Funnel stats={stats} />
      <h2>Why documents were removed</h2>
      <Reasons stats={stats} selected={reason} onSelect={onReason} />
      <LinesDropped stats={stats} />
      {reason && <Examples stats={stats} reason={reason} />}
      {stats.dedup.clusters > 0 && (
        <p>
          {stats.dedup.clusters} near-duplicate clusters; the largest keeps{' '}
          <code>{stats.dedup.largestClusters[0].kept}</code> and removes{' '}
          {stats.dedup.largestClusters[0].removed.map((id) => (
            <code key={id}>{id} </code>
          ))}
        </p>
      )}
    </>
  );
}
