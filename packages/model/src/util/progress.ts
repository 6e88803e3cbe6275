// Progress events: what long work (training, tokenizer training, data preparation, projection)
// reports as it goes. The CLI draws them as a progress line, the web app as bars and charts.

export interface Progress {
  /** What is running, e.g. "train", "bpe", "dedup". */
  stage: string;
  /** Units done and the total, when known (steps, merges, documents, bytes). */
  done: number;
  total?: number;
  /** Free-form figures to show beside the bar: loss, tokens/s, … */
  metrics?: Record<string, number>;
  /** A short human message. */
  message?: string;
}

export type ProgressFn = (p: Progress) => void;

/** Estimated seconds left from a start time (ms) and the fraction done. */
export function etaSeconds(startMs: number, nowMs: number, done: number, total: number): number | undefined {
  if (!(total > 0) || done <= 0) return undefined;
  const elapsed = (nowMs - startMs) / 1000;
  return (elapsed * (total - done)) / done;
}
