// The worker side of the Embeddings page: trains word2vec on the toy corpus (a snapshot of the
// map after every epoch, all on the final PCA axes, for the animation), loads word2vec files, an
// embedding matrix or the loaded model's own token embedding (GPT-2's wte: chosen tokens and their
// neighbours), projects (PCA, or UMAP over the most frequent words), and answers neighbour,
// analogy and vector queries about the current vectors.

import { GlassboxError } from '@glassbox/model';
import { TOY_FAMILIES, toySentences } from '@glassbox/model/data';
import type { Progress } from '@glassbox/model/run';
import { visibleWhitespace } from '@glassbox/model/tokenizer';
import {
  parseWord2Vec,
  project,
  projectFrames,
  TOUR_EMBEDDING_DEFAULTS,
  tourEmbeddings,
  Word2Vec,
  WordVectors,
} from '@glassbox/model/word2vec';
import type { EmbeddingJobs, EmbeddingMap, TrainFrame } from '../protocol/embeddings';
import { requireSession } from './sessions';

const t0 = TOUR_EMBEDDING_DEFAULTS;

type Handlers = {
  [K in keyof EmbeddingJobs]: (
    input: EmbeddingJobs[K]['input'],
    progress: (p: Progress) => void,
  ) => Promise<EmbeddingJobs[K]['output']>;
};

let current: WordVectors | undefined;

function vectors(): WordVectors {
  if (!current) throw new Error('no vectors yet: train on the toy corpus or load a word2vec file first');
  return current;
}

async function map(
  v: WordVectors,
  method: 'pca' | 'umap' = 'pca',
  seed = 1,
  top = v.size,
  progress?: (p: Progress) => void,
): Promise<EmbeddingMap> {
  const ids = Array.from({ length: Math.min(top, v.size) }, (_, i) => i);
  const p = await project(v, { method, ids, seed, onProgress: progress });
  return {
    words: [...v.words],
    dim: v.dim,
    method,
    ids,
    coords: Array.from(p.coords),
    explained: p.explained,
  };
}

export const embeddingHandlers: Handlers = {
  async embedTour({ seed }, progress) {
    const t = await tourEmbeddings({
      seed,
      onEpoch: (epoch, loss) =>
        progress({ stage: 'word2vec', done: epoch, total: t0.epochs, metrics: { loss } }),
    });
    current = t.vectors;
    return {
      words: [...t.vectors.words],
      dim: t.vectors.dim,
      frames: t.frames.map((coords, epoch) => ({ epoch, loss: t.losses[epoch], coords: Array.from(coords) })),
      families: Object.fromEntries(Object.entries(TOY_FAMILIES).flatMap(([f, ws]) => ws.map((w) => [w, f]))),
    };
  },

  async embedTrainToy(s, progress) {
    const w2v = await Word2Vec.create(toySentences({ seed: s.seed }), {
      model: s.model,
      dim: s.dim,
      epochs: s.epochs,
      seed: s.seed,
      minCount: 1,
    });
    const snapshots = [w2v.vectors()];
    const losses = [w2v.measureLoss()];
    for (let e = 1; e <= s.epochs; e++) {
      const r = w2v.trainEpoch();
      snapshots.push(w2v.vectors());
      losses.push(r.loss);
      progress({ stage: 'word2vec', done: e, total: s.epochs, metrics: { epoch: e, loss: r.loss } });
    }
    current = w2v.vectors();
    const frames: TrainFrame[] = projectFrames(snapshots).map((coords, epoch) => ({
      epoch,
      loss: losses[epoch],
      coords: Array.from(coords),
    }));
    const families = Object.fromEntries(
      Object.entries(TOY_FAMILIES).flatMap(([f, ws]) => ws.map((w) => [w, f])),
    );
    return { map: { ...(await map(current)), coords: frames[frames.length - 1].coords }, frames, families };
  },

  async embedLoad({ bytes, name }) {
    current = parseWord2Vec(bytes, name);
    return map(current);
  },

  async embedFromMatrix({ matrix, vocabulary }) {
    current = WordVectors.fromMatrix(matrix, vocabulary);
    return map(current);
  },

  async embedFromModel({ tokens, neighbours }) {
    const s = requireSession('main');
    const { vocabSize: V, nEmbd: C } = s.model.config;
    const special = new Set(s.tokenizer.specialTokens.values());
    const seen = new Set<string>();
    const words = Array.from({ length: V }, (_, id) => {
      const text =
        id >= s.tokenizer.vocabSize
          ? undefined
          : special.has(id)
            ? s.tokenizer.idToToken(id)
            : visibleWhitespace(s.tokenizer.decode([id]));
      const name = text === undefined || text === '' || seen.has(text) ? `<id ${id}>` : text;
      seen.add(name);
      return name;
    });
    // A copy: the model's weights live in memory that may grow (and so move) under the view.
    current = WordVectors.fromMatrix(
      Float32Array.from(s.model.params.get('wte.weight').data.subarray(0, V * C)),
      words,
    );
    const v = current;
    const chosen = tokens.map((t) => {
      // "cat" means the token as it appears after a space in running text ("·cat"), if there is one.
      for (const name of [visibleWhitespace(` ${t}`), t, visibleWhitespace(t)])
        if (v.index.has(name)) return v.index.get(name)!;
      throw new GlassboxError(`“${t}” is not a single token of this model's vocabulary; try another word`);
    });
    const ids = new Set(chosen);
    for (const id of chosen) for (const n of v.nearest(v.words[id], neighbours)) ids.add(n.id);
    const list = [...ids];
    const p = await project(v, { method: 'pca', ids: list, seed: 1 });
    return {
      words: [...v.words],
      dim: v.dim,
      method: 'pca',
      ids: list,
      coords: Array.from(p.coords),
      explained: p.explained,
    };
  },

  async embedProject({ method, seed, top }, progress) {
    return map(vectors(), method, seed, top, progress);
  },

  async embedNeighbours({ word, n }) {
    return vectors().nearest(word, n);
  },

  async embedAnalogy({ a, b, c, method, n }) {
    return vectors().analogy(a, b, c, { method, n });
  },

  async embedRows({ words }) {
    const v = vectors();
    return words.map((word) => ({ word, id: v.id(word), vector: Array.from(v.vector(word)) }));
  },
};
