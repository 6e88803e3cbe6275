// One document through the stages that look at it alone, in FineWeb's order: URL filter → main-
// content extraction (web pages) → normalize → language identification → Gopher repetition →
// Gopher quality → C4 → FineWeb. No state is kept between documents, so judges can run side by
// side (one per worker thread) while dedup, which needs every earlier document, stays in one
// place (curate.ts). The judgement says what each stage did (bytes in and out, time taken), what
// the document's text became, and the first rule it failed, if any.

import { utf8Length } from '../tokenizer/utf8.js';
import type { CurationNotes, RawDocument, Rejection, Stage } from './document.js';
import { type ExtractOptions, extractMainText } from './extract.js';
import { type FilterConfig, runFilters } from './filters/index.js';
import { type LanguageFilterConfig, type LanguageIdentifier, languageFilter } from './language.js';
import { normalizeText } from './normalize.js';
import { type UrlBlockList, urlFilter } from './url-filter.js';

export interface JudgeConfig {
  filters: FilterConfig;
  urlBlockList?: UrlBlockList;
  extract?: ExtractOptions | false;
  language?: (LanguageFilterConfig & { model: LanguageIdentifier }) | false;
}

export interface StagePass {
  stage: Stage;
  bytesIn: number;
  bytesOut: number;
  ms: number;
}

export interface Judgement {
  doc: RawDocument;
  /** The text after the last stage it reached (the removed text, when removed). */
  text: string;
  /** UTF-8 bytes of the document as read. */
  rawBytes: number;
  passed: StagePass[];
  removed?: { stage: Stage; bytesIn: number; ms: number; rejection: Rejection };
  linesRemoved: Record<string, number>;
  curation: CurationNotes;
}

export function judgeDocument(doc: RawDocument, cfg: JudgeConfig): Judgement {
  const rawBytes = utf8Length(doc.text);
  const passed: StagePass[] = [];
  const curation: CurationNotes = {};
  const j: Judgement = { doc, text: doc.text, rawBytes, passed, linesRemoved: {}, curation };
  let bytes = rawBytes;
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return ms;
  };
  const pass = (stage: Stage, text: string, ms = lap()) => {
    const out = text === j.text ? bytes : utf8Length(text);
    passed.push({ stage, bytesIn: bytes, bytesOut: out, ms });
    j.text = text;
    bytes = out;
  };
  const remove = (stage: Stage, rejection: Rejection) => {
    j.removed = { stage, bytesIn: bytes, ms: lap(), rejection };
    return j;
  };

  if (cfg.urlBlockList) {
    const r = doc.url ? urlFilter(doc.url, cfg.urlBlockList) : null;
    if (r) return remove('url_filter', r);
    pass('url_filter', j.text);
  }
  if (cfg.extract !== false) {
    if (doc.format === 'html') {
      const x = extractMainText(doc.text, cfg.extract);
      curation.extractor = x.extractor;
      pass('extract', x.text);
    } else pass('extract', j.text);
  }
  const text = normalizeText(j.text);
  if (text === '') return remove('normalize', { reason: 'empty', value: 0, threshold: 1 });
  pass('normalize', text);

  if (cfg.language) {
    const { top, rejection } = languageFilter(text, cfg.language.model, cfg.language);
    curation.language = top.label;
    curation.languageScore = Math.round(top.score * 1e4) / 1e4;
    if (rejection) return remove('language', rejection);
    pass('language', text);
  }

  const f = runFilters(text, cfg.filters);
  j.linesRemoved = f.linesRemoved;
  for (const p of f.passed) pass(p.stage, p.text, p.ms); // each filter timed by runFilters
  if (f.removed) {
    j.text = f.text;
    j.removed = { stage: f.removed.stage, bytesIn: bytes, ms: f.removed.ms, rejection: f.removed.rejection };
  } else j.text = f.text;
  return j;
}
