// The tour's embedding map: word2vec trained on the tour corpus in the worker, drawn as a 2-D map
// (PCA) that plays from the random initialisation to the trained vectors, frame by frame — cat
// and dog end together, banana apart, king near queen, apple far from car. Under the map, the
// distances on the map of the story's pairs at the frame shown, so the claim is read off the page.
// Does not handle: picking words or other corpora (the Embeddings page does).

import { useEffect, useMemo, useState } from 'react';
import { useJob } from '../../components/use-job';
import type { EmbeddingJobs } from '../../worker/protocol/embeddings';
import { FAMILY_COLOURS } from '../embeddings/mapStyle';
import { ScatterMap } from '../embeddings/ScatterMap';
import '../embeddings/embeddings.css';

type Tour = EmbeddingJobs['embedTour']['output'];
const PAIRS: [string, string][] = [
  ['cat', 'dog'],
  ['cat', 'banana'],
  ['king', 'queen'],
  ['apple', 'car'],
];
const STORY = ['cat', 'dog', 'banana', 'apple', 'car', 'king', 'queen'];
const FRAME_MS = 700;

export function EmbeddingMapStep() {
  const job = useJob('embedTour');
  const [tour, setTour] = useState<Tour>();
  const [frame, setFrame] = useState(0);
  const [playing, setPlaying] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: train once per visit
  useEffect(() => {
    void job.start({ seed: 1 }).then((t) => {
      if (!t) return;
      setTour(t);
      setFrame(0);
      setPlaying(true);
    });
  }, []);
  useEffect(() => {
    if (!playing || !tour) return;
    if (frame >= tour.frames.length - 1) {
      setPlaying(false);
      return;
    }
    const id = setTimeout(() => setFrame(frame + 1), FRAME_MS);
    return () => clearTimeout(id);
  }, [playing, frame, tour]);
  const style = useMemo(() => {
    if (!tour) return undefined;
    const emphasised = new Set(STORY.map((w) => tour.words.indexOf(w)).filter((i) => i >= 0));
    return {
      emphasised,
      colours: tour.words.map((w) => FAMILY_COLOURS[tour.families[w]] ?? '#9ca3af'),
      rings: tour.words.map(() => undefined),
    };
  }, [tour]);
  if (job.error) return <p className="error">{job.error}</p>;
  if (!tour || !style) return <p aria-busy="true">Training word vectors on the tour corpus…</p>;
  const f = tour.frames[frame];
  const at = (w: string) => tour.words.indexOf(w);
  const dist = (a: string, b: string) =>
    Math.hypot(f.coords[2 * at(a)] - f.coords[2 * at(b)], f.coords[2 * at(a) + 1] - f.coords[2 * at(b) + 1]);
  const last = tour.frames.length - 1;
  return (
    <div className="stack" data-testid="map-step">
      <div className="tour-map">
        <ScatterMap
          words={tour.words}
          coords={f.coords}
          colours={style.colours}
          rings={style.rings}
          emphasised={style.emphasised}
          onPick={() => {}}
          animateMs={FRAME_MS - 100}
        />
      </div>
      <div className="controls">
        <label>
          moment of training{' '}
          <input
            type="range"
            min={0}
            max={last}
            value={frame}
            aria-label="moment of training"
            onChange={(e) => {
              setPlaying(false);
              setFrame(Number(e.target.value));
            }}
          />
        </label>
        <button
          type="button"
          onClick={() => {
            setFrame(0);
            setPlaying(true);
          }}
        >
          Replay from random
        </button>
        <span data-testid="map-frame" data-frame={frame}>
          {frame === 0 ? 'random initialisation' : `after ${frame} of ${last} passes`} · loss{' '}
          {f.loss.toFixed(2)}
        </span>
      </div>
      <table data-testid="map-distances">
        <caption>Distance on the map ({tour.dim} numbers per word, drawn on 2 axes)</caption>
        <thead>
          <tr>
            {PAIRS.map(([a, b]) => (
              <th key={`${a}-${b}`} scope="col">
                {a}–{b}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {PAIRS.map(([a, b]) => (
              <td key={`${a}-${b}`} data-pair={`${a}-${b}`}>
                {dist(a, b).toFixed(2)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
