// Hand-made text for the filter tests: distinct words of a fixed length (so no n-gram repeats by
// accident), prose lines with stop words, and a search for the smallest change that trips a rule.

/** The i-th distinct lowercase word of `len` letters (base-26 digits of i, from "a…a"). */
export function word(i: number, len = 5): string {
  let s = '';
  for (let k = 0; k < len; k++) {
    s = String.fromCharCode(97 + (i % 26)) + s;
    i = Math.floor(i / 26);
  }
  return s;
}

/** n distinct words starting at the `from`-th. */
export function words(n: number, from = 0, len = 5): string[] {
  return Array.from({ length: n }, (_, i) => word(from + i, len));
}

/**
 * A sentence of n words ending in a period: "the" and "of" first (Gopher counts stop words, case
 * sensitively), distinct words after.
 */
export function sentence(n: number, from = 0): string {
  return `${['the', 'of', ...words(Math.max(0, n - 2), from)].slice(0, n).join(' ')}.`;
}

/**
 * Finds the smallest k in 1…max at which check(k) names `reason`; returns it with the result just
 * below, so a test can look at both sides of the threshold.
 */
export function crossing<R extends { reason: string } | null | undefined>(
  reason: string,
  check: (k: number) => R,
  max = 500,
): { k: number; at: R; below: R } {
  let below = check(0);
  for (let k = 1; k <= max; k++) {
    const at = check(k);
    if (at?.reason === reason) return { k, at, below };
    below = at;
  }
  throw new Error(`${reason} never triggered up to k = ${max}`);
}
