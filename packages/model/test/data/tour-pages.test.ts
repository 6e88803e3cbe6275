// The tour's curation example: of its raw web-like pages the article alone is kept, as clean text
// (no menu, banner or footer), and every other page is removed with a stage and a reason.

import { expect, it } from 'vitest';
import { curateTourPages } from '../../src/data/index.js';

it('keeps the article without its menus and removes the copy, the menu page, the spam and the blocked site', async () => {
  const v = await curateTourPages();
  const kept = v.filter((p) => p.kept);
  expect(kept.map((p) => p.id)).toEqual(['pets-article']);
  expect(kept[0].kept).toContain('A cat keeps its own hours.');
  expect(kept[0].kept).not.toMatch(/cookies|Log in|©|<p>|\.\./);
  const removed = Object.fromEntries(v.filter((p) => p.removed).map((p) => [p.id, p.removed?.stage]));
  expect(removed).toEqual({
    'pets-copy': 'exact_dedup',
    'menu-only': 'gopher_repetition',
    spam: 'gopher_repetition',
    'blocked-site': 'url_filter',
  });
  for (const p of v) if (p.removed) expect(p.removed.explanation.length).toBeGreaterThan(10);
});
