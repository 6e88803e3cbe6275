// The Embeddings page: word vectors on a 2-D map. "Train" runs word2vec on the toy corpus in the
// worker and replays the map epoch by epoch (cat and dog drift together, banana joins the fruit);
// a dropped word2vec file (binary or text) shows any vocabulary. PCA by default, UMAP on demand;
// search or click a word for its neighbours and vector, ask analogies in the box.

import { TOY_FAMILIES } from '@glassbox/model';
import { useMemo, useState } from 'react';
import { AnalogyBox, NeighbourList, VectorTable } from './Panels';
import { ScatterMap } from './ScatterMap';
import { FRAME_MS, useEmbeddings } from './useEmbeddings';
import './embeddings.css';

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
const PICKED = '#dc2626';

export function EmbeddingsPage() {
  const {
    map,
    coords,
    source,
    status,
    error,
    busy,
    picked,
    neighbours,
    answers,
    rows,
    train,
    load,
    reproject,
    select,
    ask,
  } = useEmbeddings();
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
