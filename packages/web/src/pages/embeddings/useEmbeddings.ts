// The Embeddings page's state and actions, all answered by the worker: train on the toy corpus
// and replay its epochs, load a word2vec file, re-project (PCA or UMAP), pick a word (its
// neighbours and vector), ask an analogy. Errors (an unknown word, a broken file) become a
// message on the page.

import type { Neighbour } from '@glassbox/model/word2vec';
import { useState } from 'react';
import { run } from '../../worker/client';
import type { EmbeddingMap, ToyTrainSettings } from '../../worker/protocol/embeddings';
import type { AnalogyQuery } from './Panels';

/** The toy run the page trains: small and quick, the same recipe the model tests check. */
export const TOY: ToyTrainSettings = { model: 'skipgram', epochs: 12, dim: 24, seed: 3 };
/** Time per epoch in the replay; the map's points move for a little less. */
export const FRAME_MS = 450;
/** UMAP places at most this many of the most frequent words (it is slow beyond). */
const UMAP_TOP = 2000;

type Row = { word: string; id: number; vector: number[] };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function useEmbeddings() {
  const [map, setMap] = useState<EmbeddingMap>();
  const [coords, setCoords] = useState<number[]>([]);
  const [source, setSource] = useState<'toy' | string>();
  const [families, setFamilies] = useState<Record<string, string>>();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [picked, setPicked] = useState<string>();
  const [neighbours, setNeighbours] = useState<Neighbour[]>();
  const [answers, setAnswers] = useState<Neighbour[]>();
  const [rows, setRows] = useState<Row[]>([]);

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
      const {
        map: m,
        frames,
        families: toyFamilies,
      } = await run('embedTrainToy', TOY, (p) =>
        setStatus(`Training word2vec on the toy corpus: epoch ${p.done} of ${p.total}`),
      );
      show(m, 'toy', frames[0].coords);
      setFamilies(toyFamilies);
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
      setFamilies(undefined);
      setStatus(`${file.name}: ${m.words.length.toLocaleString()} words, ${m.dim} dimensions`);
    });

  const fromModel = (tokens: string[]) =>
    guarded(async () => {
      setStatus('Reading the loaded model’s token embeddings…');
      const m = await run('embedFromModel', { tokens, neighbours: 6 });
      show(m, 'model');
      setFamilies(undefined);
      setStatus(
        `The loaded model's token embedding (wte): ${m.words.length.toLocaleString()} tokens of ${m.dim} dimensions; ` +
          `the map shows ${tokens.length} chosen tokens and their nearest neighbours (${m.ids.length} in all), on their own PCA`,
      );
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

  return {
    map,
    coords,
    source,
    families,
    status,
    error,
    busy,
    picked,
    neighbours,
    answers,
    rows,
    train,
    load,
    fromModel,
    reproject,
    select,
    ask,
  };
}
