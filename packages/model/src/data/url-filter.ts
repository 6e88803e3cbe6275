// FineWeb's first stage: drop pages by their URL before reading them. A block list holds domains
// (a line with a dot: "casino.example" blocks that host and every subdomain of it) and words (a
// line without one: "porn" blocks a URL with that word among its tokens, the URL split on
// anything that is not a letter or digit), as datatrove's URLFilter does with its domain and
// banned-word lists. Lines starting with # are comments. Documents without a URL pass.
// Not handled: datatrove's soft-banned words (a URL with several of them) and its banned
// subwords (substrings of the whole URL); the real block list FineWeb used (UT1's adult list,
// millions of domains) is a file to pass in, the built-in one is a small example.

import { GlassboxError } from '../util/errors.js';
import type { Rejection } from './document.js';

export interface UrlBlockList {
  domains: ReadonlySet<string>;
  words: ReadonlySet<string>;
}

/** A small example list, for the learner to see the stage at work. */
export const EXAMPLE_URL_BLOCKLIST = `# domains (with their subdomains)
casino.example
spam.example
adult.example
# words among the URL's tokens
porn
xxx
casino
viagra
`;

/** A block list from its text (one domain or word per line). */
export function parseUrlBlockList(text: string, where = 'URL block list'): UrlBlockList {
  const domains = new Set<string>();
  const words = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim().toLowerCase();
    if (line === '' || line.startsWith('#')) return;
    if (/\s/.test(line))
      throw new GlassboxError(`line ${i + 1} holds "${raw.trim()}": one domain or word per line`, where);
    if (line.includes('.')) domains.add(line.replace(/^\*\./, '').replace(/\.$/, ''));
    else words.add(line);
  });
  return { domains, words };
}

/** Merges lists (the example list and a file, say). */
export function mergeUrlBlockLists(...lists: UrlBlockList[]): UrlBlockList {
  return {
    domains: new Set(lists.flatMap((l) => [...l.domains])),
    words: new Set(lists.flatMap((l) => [...l.words])),
  };
}

/** Why a URL is blocked, or null. Yes/no rules: value 1, threshold 0. */
export function urlFilter(url: string, list: UrlBlockList): Rejection | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    host = url
      .toLowerCase()
      .replace(/^[a-z]+:\/\//, '')
      .split(/[/:?#]/)[0];
  }
  host = host.replace(/^www\d*\./, '');
  for (let h = host; h.includes('.'); h = h.slice(h.indexOf('.') + 1))
    if (list.domains.has(h)) return { reason: 'blocked_domain', value: 1, threshold: 0, detail: h };
  for (const token of url.toLowerCase().split(/[^\p{L}\p{N}]+/u))
    if (token && list.words.has(token))
      return { reason: 'blocked_url_word', value: 1, threshold: 0, detail: token };
  return null;
}
