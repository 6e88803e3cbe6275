// How the map shows the current state: which words are on it (all, or UMAP's most frequent),
// their fill (the toy corpus's families, grey otherwise, red for the picked word), rings (dark
// for the picked word's neighbours, green for the analogy's answers) and which points are
// enlarged and always labelled.

import type { Neighbour } from '@glassbox/model/word2vec';
import { useMemo } from 'react';
import type { EmbeddingMap } from '../../worker/protocol/embeddings';

export const FAMILY_COLOURS: Record<string, string> = {
  pet: '#2563eb',
  fruit: '#d97706',
  vehicle: '#059669',
  colour: '#db2777',
  ruler: '#7c3aed',
  person: '#7c3aed',
  day: '#0891b2',
};
const PICKED = '#dc2626';

export interface MapState {
  map?: EmbeddingMap;
  /** Word → family (the toy corpus), for the fill colours. */
  families?: Record<string, string>;
  picked?: string;
  neighbours?: Neighbour[];
  answers?: Neighbour[];
}

export function useMapStyle({ map, families, picked, neighbours, answers }: MapState) {
  const shown = useMemo(() => (map ? map.ids.map((i) => map.words[i]) : []), [map]);
  const emphasised = useMemo(() => {
    const position = new Map(shown.map((w, i) => [w, i]));
    const words = [picked, ...(neighbours ?? []).map((n) => n.word), ...(answers ?? []).map((n) => n.word)];
    return new Set(words.flatMap((w) => (w !== undefined && position.has(w) ? [position.get(w)!] : [])));
  }, [shown, picked, neighbours, answers]);
  const colours = useMemo(
    () =>
      shown.map((w) => {
        if (w === picked) return PICKED;
        const family = families?.[w];
        return family ? FAMILY_COLOURS[family] : '#9ca3af';
      }),
    [shown, picked, families],
  );
  const rings = useMemo(() => {
    const near = new Set((neighbours ?? []).map((n) => n.word));
    const answer = new Set((answers ?? []).map((n) => n.word));
    return shown.map((w) => (answer.has(w) ? '#16a34a' : near.has(w) ? '#111827' : undefined));
  }, [shown, neighbours, answers]);
  return { shown, emphasised, colours, rings };
}
