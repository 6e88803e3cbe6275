// The Embeddings page: word vectors on a 2-D map. "Train" runs word2vec on the toy corpus in the
// worker and replays the map epoch by epoch (cat and dog drift together, banana joins the fruit);
// a dropped word2vec file (binary or text) shows any vocabulary. PCA by default, UMAP on demand;
// search or click a word for its neighbours and vector, ask analogies in the box.

import { type Neighbour, TOY_FAMILIES } from '@glassbox/model';
import { useMemo, useState } from 'react';
import { run } from '../../worker/client';
import type { EmbeddingMap, ToyTrainSettings } from './jobs';
import { AnalogyBox, type AnalogyQuery, NeighbourList, VectorTable } from './Panels';
import { ScatterMap } from './ScatterMap';
import './embeddings.css';

const TOY: ToyTrainSettings = { model: 'skipgram', epochs: 12, dim: 24, seed: 3 };
const FRAME_MS = 450;
const FAMILY_COLOURS: Record<string, string> = {
  pet: '#2563eb',
  fruit: '#d97706',
  vehicle: '#059669',
  colour: '#db2777',
  ruler: '#7c3aed',
  person: '#7c3aed',
  day: '#0891b2',
};
const FAMILY_OF = new Map(Object.entries(TOY_FAMILIES).flatMap(([f, ws]) => ws.map((w) => [w, f] as const)));
const UMAP_TOP = 2000;
const PICKED = '#dc2626';

type Row = { word: string; id: number; vector: number[] };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function EmbeddingsPage() {
  const [map, setMap] = useState<EmbeddingMap>();
  const [coords, setCoords] = useState<number[]>([]);
  const [source, setSource] = useState<'toy' | string>();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [picked, setPicked] = useState<string>();
  const [neighbours, setNeighbours] = useState<Neighbour[]>();
  const [answers, setAnswers] = useState<Neighbour[]>();
  const [rows, setRows] = useState<Row[]>([]);
  const [search, setSearch] = useState('');
  const [dragOver, setDragOver] = useState(false);

  const shown = useMemo(() => (map ? map.ids.map((i) => map.words[i]) : []), [map]);
  const position = useMemo(() => new Map(shown.map((w, i) => [w, i])), [shown]);
  const emphasised = useMemo(() => {
    const words = [picked, ...(neighbours ?? []).map((n) => n.word), ...(answers ?? []).map((n) => n.word)];
    return new Set(words.flatMap((w) => (w !== undefined && position.has(w) ? [position.get(w)!] : [])));
  }, [picked, neighbours, answers, position]);
  // Fill: the toy family (grey otherwise), red for the picked word. Ring: dark for its
  // neighbours, green for the analogy's answers.
  const colours = useMemo(
    () =>
      shown.map((w) => {
        if (w === picked) return PICKED;
        const family = source === 'toy' ? FAMILY_OF.get(w) : undefined;
        return family ? FAMILY_COLOURS[family] : '#9ca3af';
      }),
    [shown, picked, source],
  );
  const rings = useMemo(() => {
    const near = new Set((neighbours ?? []).map((n) => n.word));
    const answer = new Set((answers ?? []).map((n) => n.word));
    return shown.map((w) => (answer.has(w) ? '#16a34a' : near.has(w) ? '#111827' : undefined));
  }, [shown, neighbours, answers]);

  async function guarded(work: () => Promise<void>) {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const show = (m: EmbeddingMap, from: 'toy' | string, first = m.coords) => {
    setMap(m);
    setCoords(first);
    setSource(from);
    setPicked(undefined);
    setNeighbours(undefined);
    setAnswers(undefined);
    setRows([]);
  };

  const train = () =>
    guarded(async () => {
      setStatus('Training word2vec on the toy corpus…');
      const { map: m, frames } = await run('embedTrainToy', TOY, (p) =>
        setStatus(`Training word2vec on the toy corpus: epoch ${p.done} of ${p.total}`),
      );
      show(m, 'toy', frames[0].coords);
      for (const f of frames) {
        setCoords(f.coords);
        setStatus(
          f.epoch === 0 ? 'Before training: random vectors' : `Epoch ${f.epoch}: loss ${f.loss.toFixed(3)}`,
        );
        await sleep(FRAME_MS);
      }
      const last = frames[frames.length - 1];
      setStatus(
        `Trained ${TOY.model} on the toy corpus: ${m.words.length} words, ${m.dim} dimensions, ` +
          `loss ${frames[0].loss.toFixed(3)} → ${last.loss.toFixed(3)} per example in ${last.epoch} epochs`,
      );
    });

  const load = (file: File) =>
    guarded(async () => {
      setStatus(`Reading ${file.name}…`);
      const m = await run('embedLoad', { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name });
      show(m, file.name);
      setStatus(`${file.name}: ${m.words.length.toLocaleString()} words, ${m.dim} dimensions`);
    });

  const reproject = (method: 'pca' | 'umap') =>
    guarded(async () => {
      if (!map) return;
      const top = method === 'umap' ? UMAP_TOP : map.words.length;
      const m = await run('embedProject', { method, seed: 1, top }, (p) =>
        setStatus(`UMAP: epoch ${p.done} of ${p.total}`),
      );
      setMap(m);
      setCoords(m.coords);
      setStatus(
        method === 'umap'
          ? `UMAP of the ${m.ids.length.toLocaleString()} most frequent words`
          : `PCA of ${m.ids.length.toLocaleString()} words`,
      );
    });

  const select = (word: string) =>
    guarded(async () => {
      const near = await run('embedNeighbours', { word, n: 10 });
      setPicked(word);
      setNeighbours(near);
      const keep = [word, ...rows.map((r) => r.word).filter((w) => w !== word)].slice(0, 6);
      setRows(await run('embedRows', { words: keep }));
    });

  const ask = (q: AnalogyQuery) =>
    guarded(async () => {
      setAnswers(await run('embedAnalogy', { ...q, n: 5 }));
    });

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the whole page is a drop target for a word2vec file; the file input is the accessible way in
    <section
      className="embeddings"
      onDragOver={(e) => {
        e.preventDefault();
        setDragOver(true);
      }}
      onDragLeave={() => setDragOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragOver(false);
        const file = e.dataTransfer.files[0];
        if (file) load(file);
      }}
    >
      <h1>Embeddings</h1>
      <p>
        Each token id maps to a vector of numbers, its embedding. Training nudges the vectors until words used
        alike sit close together. word2vec learns them by predicting a word from its neighbours; on the toy
        corpus “cat” and “dog” appear in the same sentences, while “banana” only ever appears among fruit.
        Real models use hundreds or thousands of dimensions; the map shows them squeezed into two.
      </p>
      <div className="toolbar">
        <button type="button" onClick={train} disabled={busy}>
          Train word2vec on the toy corpus
        </button>
        <label className={`dropzone${dragOver ? ' over' : ''}`}>
          or drop a word2vec file (.bin or .txt) here / choose one:{' '}
          <input
            type="file"
            aria-label="word2vec file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) load(f);
            }}
          />
        </label>
        {map && (
          <>
            <button type="button" onClick={() => reproject('pca')} disabled={busy || map.method === 'pca'}>
              PCA
            </button>
            <button type="button" onClick={() => reproject('umap')} disabled={busy || map.method === 'umap'}>
              UMAP
            </button>
          </>
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (search.trim()) select(search.trim());
          }}
        >
          <input
            aria-label="search a word"
            placeholder="search a word"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            disabled={!map}
          />{' '}
          <button type="submit" disabled={!map || busy}>
            Find
          </button>
        </form>
      </div>
      <p data-testid="embed-status" aria-live="polite">
        {status}
      </p>
      {error && <p className="error">{error}</p>}
      {map && (
        <div className="layout">
          <div>
            <ScatterMap
              words={shown}
              coords={coords}
              colours={colours}
              rings={rings}
              emphasised={emphasised}
              onPick={(i) => select(shown[i])}
              animateMs={FRAME_MS - 50}
            />
            {source === 'toy' && (
              <p className="legend muted">
                {Object.entries(FAMILY_COLOURS)
                  .filter(([f]) => f !== 'person')
                  .map(([f, c]) => (
                    <span key={f} style={{ color: c }}>
                      ● {f === 'ruler' ? 'royals and people' : `${f}s`}
                    </span>
                  ))}
              </p>
            )}
          </div>
          <aside>
            <NeighbourList word={picked} neighbours={neighbours} />
            <AnalogyBox onAsk={ask} answers={answers} />
          </aside>
        </div>
      )}
      <VectorTable rows={rows} />
    </section>
  );
}
