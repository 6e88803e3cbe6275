// The Embeddings page: word vectors on a 2-D map. "Train" runs word2vec on the toy corpus in the
// worker and replays the map epoch by epoch (cat and dog drift together, banana joins the fruit);
// a dropped word2vec file (binary or text) shows any vocabulary. PCA by default, UMAP on demand;
// search or click a word for its neighbours and vector, ask analogies in the box.

import { useState } from 'react';
import { useModel } from '../../components/model-hooks';
import { FAMILY_COLOURS, useMapStyle } from './mapStyle';
import { AnalogyBox, NeighbourList, VectorTable } from './Panels';
import { ScatterMap } from './ScatterMap';
import { FRAME_MS, useEmbeddings } from './useEmbeddings';
import './embeddings.css';

export default function EmbeddingsPage() {
  const e = useEmbeddings();
  const { shown, emphasised, colours, rings } = useMapStyle(e);
  const [search, setSearch] = useState('');
  const [dragOver, setDragOver] = useState(false);
  const model = useModel('main');
  const [tokens, setTokens] = useState('cat, dog, banana, king, queen, Paris, London, run');

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the whole page is a drop target for a word2vec file; the file input is the accessible way in
    <section
      className="embeddings"
      onDragOver={(ev) => {
        ev.preventDefault();
        setDragOver(true);
      }}
      onDragLeave={() => setDragOver(false)}
      onDrop={(ev) => {
        ev.preventDefault();
        setDragOver(false);
        const file = ev.dataTransfer.files[0];
        if (file) e.load(file);
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
        <button type="button" onClick={e.train} disabled={e.busy}>
          Train word2vec on the toy corpus
        </button>
        <label className={`dropzone${dragOver ? ' over' : ''}`}>
          or drop a word2vec file (.bin or .txt) here / choose one:{' '}
          <input
            type="file"
            aria-label="word2vec file"
            onChange={(ev) => {
              const f = ev.target.files?.[0];
              if (f) e.load(f);
            }}
          />
        </label>
        {model && (
          <form
            onSubmit={(ev) => {
              ev.preventDefault();
              e.fromModel(
                tokens
                  .split(',')
                  .map((t) => t.trim())
                  .filter((t) => t !== ''),
              );
            }}
          >
            <input aria-label="tokens to map" value={tokens} onChange={(ev) => setTokens(ev.target.value)} />{' '}
            <button type="submit" disabled={e.busy}>
              Map these tokens of the loaded model ({model.parameters.toLocaleString('en-US')} parameters)
            </button>
          </form>
        )}
        {e.map && (
          <>
            <button
              type="button"
              onClick={() => e.reproject('pca')}
              disabled={e.busy || e.map.method === 'pca'}
            >
              PCA
            </button>
            <button
              type="button"
              onClick={() => e.reproject('umap')}
              disabled={e.busy || e.map.method === 'umap'}
            >
              UMAP
            </button>
          </>
        )}
        <form
          onSubmit={(ev) => {
            ev.preventDefault();
            if (search.trim()) e.select(search.trim());
          }}
        >
          <input
            aria-label="search a word"
            placeholder="search a word"
            value={search}
            onChange={(ev) => setSearch(ev.target.value)}
            disabled={!e.map}
          />{' '}
          <button type="submit" disabled={!e.map || e.busy}>
            Find
          </button>
        </form>
      </div>
      <p data-testid="embed-status" aria-live="polite">
        {e.status}
      </p>
      {e.error && <p className="error">{e.error}</p>}
      {e.map && (
        <div className="layout">
          <div>
            <ScatterMap
              words={shown}
              coords={e.coords}
              colours={colours}
              rings={rings}
              emphasised={emphasised}
              onPick={(i) => e.select(shown[i])}
              animateMs={FRAME_MS - 50}
            />
            {e.source === 'toy' && (
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
            <NeighbourList word={e.picked} neighbours={e.neighbours} />
            <AnalogyBox onAsk={e.ask} answers={e.answers} />
          </aside>
        </div>
      )}
      <VectorTable rows={e.rows} />
    </section>
  );
}
