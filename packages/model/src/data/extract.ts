// Main-content extraction for web pages, the job trafilatura does in FineWeb: keep the article,
// drop the page around it (navigation, headers and footers, cookie banners, related-link lists,
// comments). Done by Mozilla's Readability (Firefox's reader view) over a DOM that linkedom builds;
// the article's HTML then becomes text with line breaks at block elements (htmlToText), so the
// line rules of C4 and FineWeb that follow see paragraphs and lines. When Readability finds no
// article of at least `minChars` characters (a list page, a form, a fragment), the simple
// extractor (visible text, page chrome dropped) is the fallback; each result says which ran.
// Not handled: pages whose text is drawn by scripts; comments are dropped, never kept.

import { GlassboxError } from '../util/errors.js';
import type { CurationNotes } from './document.js';
import { htmlToText } from './readers/html.js';

export interface ExtractOptions {
  /** Shortest article (characters of text) Readability's answer is taken for. Default 200. */
  minChars?: number;
}

export interface Extraction {
  text: string;
  extractor: NonNullable<CurationNotes['extractor']>;
}

type Libraries = {
  parseHTML: typeof import('linkedom/worker').parseHTML;
  Readability: typeof import('@mozilla/readability').Readability;
};
let libraries: Libraries | undefined;

/**
 * Loads the DOM and Readability (about 700 kB of code in a browser bundle), once: call before
 * extracting (Curator.create and prepareData do). Kept out of the module's imports so that a page
 * that never curates web pages never downloads them.
 */
export async function loadExtractor(): Promise<void> {
  if (libraries) return;
  const [{ parseHTML }, { Readability }] = await Promise.all([
    import('linkedom/worker'),
    import('@mozilla/readability'),
  ]);
  libraries = { parseHTML, Readability };
}

export function extractMainText(html: string, opts: ExtractOptions = {}): Extraction {
  if (!libraries)
    throw new GlassboxError(
      'the main-content extractor is not loaded: await loadExtractor() (or Curator.create) first',
    );
  const { parseHTML, Readability } = libraries;
  const minChars = opts.minChars ?? 200;
  let article: string | undefined;
  try {
    const { document } = parseHTML(html);
    const parsed = new Readability(document as unknown as Document, { charThreshold: minChars }).parse();
    article = parsed?.content ?? undefined;
  } catch {
    article = undefined; // markup the DOM or Readability cannot take: the fallback reads it
  }
  if (article) {
    const text = htmlToText(article);
    if (text.length >= minChars) return { text, extractor: 'readability' };
  }
  return { text: htmlToText(html), extractor: 'fallback' };
}
