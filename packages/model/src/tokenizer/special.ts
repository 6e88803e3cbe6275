// Special tokens in text: finds the ones an encode call allows (e.g. "<|endoftext|>") and cuts
// the text around them, so the ordinary tokenizer only sees the ordinary stretches. Matching is
// leftmost, and longest first where two special tokens start at the same place. By default no
// special token is allowed, and their strings are encoded as ordinary text.

import { GlassboxError } from '../util/errors.js';
import type { EncodeOptions } from './types.js';

/** A stretch of input: ordinary text, or one special token with its id. */
export interface Segment {
  text: string;
  special?: number;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The special tokens (text → id) an encode call may match, from its options. */
export function allowedSpecials(
  specials: ReadonlyMap<string, number>,
  allowed: EncodeOptions['allowedSpecial'],
): Map<string, number> {
  const out = new Map<string, number>();
  if (!allowed) return out;
  if (allowed === 'all') return new Map(specials);
  for (const s of allowed) {
    const id = specials.get(s);
    if (id === undefined) {
      throw new GlassboxError(
        `"${s}" is not a special token of this tokenizer (it has: ${[...specials.keys()].join(', ') || 'none'})`,
        'allowedSpecial',
      );
    }
    out.set(s, id);
  }
  return out;
}

/** Cuts `text` into ordinary stretches and special tokens (empty stretches are left out). */
export function splitOnSpecials(text: string, allowed: ReadonlyMap<string, number>): Segment[] {
  if (allowed.size === 0) return text === '' ? [] : [{ text }];
  const keys = [...allowed.keys()].filter((k) => k !== '').sort((a, b) => b.length - a.length);
  const re = new RegExp(keys.map(escapeRegExp).join('|'), 'g');
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ text: text.slice(last, at) });
    out.push({ text: m[0], special: allowed.get(m[0]) });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}
