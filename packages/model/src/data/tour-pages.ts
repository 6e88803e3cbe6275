// The tour's curation example: a handful of raw, web-like pages — an article wrapped in menus and
// a cookie banner, the same article copied on another site, a page of navigation links only, a
// keyword-stuffed spam page, a shop's one-liner, a page from a blocked domain — each through the
// library's own stages (URL filter, main-content extraction, normalize, Gopher, C4, FineWeb, then
// exact dedup), with what was kept or why it was removed.
// Does not handle: language identification (it needs the fastText model; the Data page has it).

import { judgeConfig } from './curate.js';
import { ExactDedup } from './dedup/exact.js';
import type { RawDocument } from './document.js';
import { loadExtractor } from './extract.js';
import { judgeDocument } from './judge.js';
import { explainReason } from './reasons.js';

const ARTICLE = [
  'Cats and dogs have lived beside people for thousands of years, and each has found its own way into our homes.',
  'A cat keeps its own hours. It sleeps for most of the day, often on a sofa or a mat in the sun, and wakes at dusk to hunt.',
  'A dog follows its family from room to room. It wants to walk, to play with a ball in the garden and to be fed at the same time every day.',
  'Both learn the sounds of their names, both know when their bowl is about to be filled, and both will sit on the mat by the door when someone they love is about to come home.',
  'Scientists who study animal behaviour say that the bond is older than farming, and that it changed the animals as much as it changed us.',
].join(' ');

const page = (title: string, body: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body>` +
  '<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/shop">Shop</a> | <a href="/login">Log in</a></nav>' +
  '<div class="cookie">We use cookies to improve your experience. Accept all cookies?</div>' +
  `<main><article><h1>${title}</h1>${body}</article></main>` +
  '<footer>© 2024 Example Media. All rights reserved. Terms | Privacy | Contact</footer></body></html>';

/** The raw pages, as a crawler would hand them over. */
export function tourPages(): RawDocument[] {
  const article = page(
    'Why cats and dogs share our homes',
    ARTICLE.split('. ')
      .map((s) => `<p>${s.endsWith('.') ? s : `${s}.`}</p>`)
      .join(''),
  );
  return [
    {
      id: 'pets-article',
      source: 'web',
      url: 'https://news.example.org/pets',
      format: 'html',
      text: article,
    },
    {
      id: 'pets-copy',
      source: 'web',
      url: 'https://copycat.example.net/pets',
      format: 'html',
      text: article,
    },
    {
      id: 'menu-only',
      source: 'web',
      url: 'https://shop.example.com/',
      format: 'html',
      text: page('Shop', '<ul><li>Home</li><li>Cart</li><li>Sale</li><li>Log in</li></ul>'),
    },
    {
      id: 'spam',
      source: 'web',
      url: 'https://cheap.example.info/deals',
      format: 'text',
      text: Array.from({ length: 40 }, () => 'best cheap deals buy now best cheap deals buy now').join('\n'),
    },
    {
      id: 'blocked-site',
      source: 'web',
      url: 'https://casino.example.com/win',
      format: 'text',
      text: ARTICLE,
    },
  ];
}

export interface PageVerdict {
  id: string;
  url?: string;
  rawBytes: number;
  /** The text kept (when kept). */
  kept?: string;
  /** The stage that removed it, the rule's name and its sentence for people. */
  removed?: { stage: string; reason: string; explanation: string; detail?: string };
}

/** Every tour page through the library's stages, in order; exact duplicates of an earlier kept page removed. */
export async function curateTourPages(): Promise<PageVerdict[]> {
  await loadExtractor();
  const cfg = judgeConfig({});
  const dedup = new ExactDedup();
  return tourPages().map((doc) => {
    const j = judgeDocument(doc, cfg);
    const base = { id: doc.id, url: doc.url, rawBytes: j.rawBytes };
    if (j.removed) {
      const { reason, detail } = j.removed.rejection;
      return {
        ...base,
        removed: { stage: j.removed.stage, reason, explanation: explainReason(reason), detail },
      };
    }
    const first = dedup.check(doc.id, j.text);
    if (first !== undefined) {
      return {
        ...base,
        removed: {
          stage: 'exact_dedup',
          reason: 'exact_duplicate',
          explanation: explainReason('exact_duplicate'),
          detail: `same text as ${first}`,
        },
      };
    }
    return { ...base, kept: j.text };
  });
}
