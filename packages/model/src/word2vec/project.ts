// Word vectors projected to 2-D or 3-D for a map: PCA (ml-pca, on the covariance matrix) or UMAP
// (umap-js, seeded through our Random). Rows are scaled to unit length first, so distances on
// the map follow cosine similarity, the measure every neighbour query here uses.
// PCA signs are fixed (the largest coordinate of each axis positive) so that the same vectors
// always give the same picture. Does not handle: t-SNE, incremental or GPU projection.

import { PCA } from 'ml-pca';
import { GlassboxError } from '../util/errors.js';
import type { ProgressFn } from '../util/progress.js';
import { Random } from '../util/random.js';
import type { WordVectors } from './vectors.js';

export type ProjectionMethod = 'pca' | 'umap';

export interface ProjectionOptions {
  method?: ProjectionMethod;
  /** 2 or 3. */
  components?: number;
  /** Which words (ids) to place; default: all. */
  ids?: readonly number[];
  /** UMAP: seed, neighbours per point, minimum distance, epochs (default: umap-js's choice). */
  seed?: number;
  neighbours?: number;
  minDist?: number;
  epochs?: number;
  onProgress?: ProgressFn;
}

export interface Projection {
  method: ProjectionMethod;
  components: number;
  ids: number[];
  words: string[];
  /** (ids.length, components) row-major. */
  coords: Float32Array;
  /** PCA: the share of the variance each axis explains. */
  explained?: number[];
}

export async function project(vectors: WordVectors, options: ProjectionOptions = {}): Promise<Projection> {
  const { method = 'pca', components = 2 } = options;
  if (components !== 2 && components !== 3) {
    throw new GlassboxError(`a map has 2 or 3 axes, not ${components}`, 'components');
  }
  const ids = options.ids ? [...options.ids] : vectors.words.map((_, i) => i);
  if (ids.length < components + 1) {
    throw new GlassboxError(`projecting needs at least ${components + 1} words, got ${ids.length}`);
  }
  const rows = unitRows(vectors, ids);
  const base = { method, components, ids, words: ids.map((i) => vectors.words[i]) };
  if (method === 'pca') return { ...base, ...pca(rows, components) };
  if (method === 'umap') return { ...base, coords: await umap(rows, components, options) };
  throw new GlassboxError(`unknown projection "${method}"; choose pca or umap`, 'method');
}

/**
 * Snapshots of the same vocabulary during training, on one set of axes: PCA fitted to the last
 * snapshot, every snapshot projected onto it — so an animation shows words moving, not axes
 * spinning. Returns one (words, components) array per snapshot.
 */
export function projectFrames(frames: readonly WordVectors[], components = 2): Float32Array[] {
  const last = frames.at(-1);
  if (!last) return [];
  const ids = last.words.map((_, i) => i);
  const model = new PCA(unitRows(last, ids), { method: 'covarianceMatrix', center: true });
  const signs = fixSigns(
    model.predict(unitRows(last, ids), { nComponents: components }).to2DArray(),
    components,
  );
  return frames.map((f) => {
    const projected = model.predict(unitRows(f, ids), { nComponents: components }).to2DArray();
    return Float32Array.from({ length: ids.length * components }, (_, i) => {
      const c = i % components;
      return signs[c] * projected[(i - c) / components][c];
    });
  });
}

function unitRows(v: WordVectors, ids: readonly number[]): number[][] {
  const u = v.unit();
  return ids.map((id) => Array.from(u.subarray(id * v.dim, (id + 1) * v.dim)));
}

function pca(rows: number[][], components: number): { coords: Float32Array; explained: number[] } {
  const model = new PCA(rows, { method: 'covarianceMatrix', center: true });
  const projected = model.predict(rows, { nComponents: components }).to2DArray();
  const signs = fixSigns(projected, components);
  const coords = new Float32Array(rows.length * components);
  projected.forEach((row, r) => {
    for (let c = 0; c < components; c++) coords[r * components + c] = signs[c] * (row[c] ?? 0);
  });
  return { coords, explained: model.getExplainedVariance().slice(0, components) };
}

/** The arbitrary sign of each PCA axis, fixed: its largest coordinate in magnitude is positive. */
function fixSigns(projected: number[][], components: number): number[] {
  return Array.from({ length: components }, (_, c) => {
    let extreme = 0;
    for (const row of projected) if (Math.abs(row[c]) > Math.abs(extreme)) extreme = row[c];
    return extreme < 0 ? -1 : 1;
  });
}

/** umap-js is CommonJS: imported on first use, so bundles that never project by UMAP never load it. */
async function umap(rows: number[][], components: number, o: ProjectionOptions): Promise<Float32Array> {
  const { UMAP } = await import('umap-js');
  const random = new Random(o.seed ?? 1);
  const neighbours = Math.max(2, Math.min(o.neighbours ?? 15, rows.length - 1));
  const model = new UMAP({
    nComponents: components,
    nNeighbors: neighbours,
    minDist: o.minDist ?? 0.1,
    nEpochs: o.epochs,
    random: () => random.next(),
  });
  const total = model.initializeFit(rows);
  for (let epoch = 0; epoch < total; epoch++) {
    model.step();
    if (o.onProgress && (epoch % 10 === 0 || epoch === total - 1))
      o.onProgress({ stage: 'umap', done: epoch + 1, total });
  }
  const embedding = model.getEmbedding();
  const coords = new Float32Array(rows.length * components);
  embedding.forEach((row, r) => {
    for (let c = 0; c < components; c++) coords[r * components + c] = row[c];
  });
  return coords;
}
