// Exact deduplication: documents whose text (normalized and filtered) is identical, found by a
// 53-bit hash of that text. The first one seen is kept; later copies point to it. Memory: one
// Map entry per kept document.

import { hash53 } from './hash.js';

export class ExactDedup {
  private readonly seen = new Map<number, string>();

  /** The id of an earlier document with the same text, or undefined (and remembers this one). */
  check(id: string, text: string): string | undefined {
    const key = hash53(text);
    const first = this.seen.get(key);
    if (first !== undefined) return first;
    this.seen.set(key, id);
    return undefined;
  }

  get size(): number {
    return this.seen.size;
  }
}
