// What every benchmark section emits: one row per (kernel, shape, implementation), printed as a
// table side by side with the peers, or as JSON lines with --json.

export interface BenchRow {
  /** Section-level name, e.g. "matmul NT", "softmax", "train baby". */
  kernel: string;
  /** The shape the figure was measured on, e.g. [M, K, N]. */
  shape: number[];
  /** Who ran it: "glassbox", "tfjs-wasm", "plain-js", "reference", … */
  impl: string;
  threads: number;
  /** GFLOP/s where a FLOP count is meaningful. */
  gflops?: number;
  /** Median milliseconds per call. */
  ms: number;
  /** Further figures (tokens/s, MB/s, MiB, …). */
  extra?: Record<string, number>;
}

export interface BenchOptions {
  /** Fewer shapes and repetitions, for a quick look (and for tests of the harness). */
  quick: boolean;
  /** Also time each kernel family where a section supports it (train: where a step's time goes). */
  profile?: boolean;
  /** Text a section prints after its table (e.g. a profile); --json prints it as { note }. */
  note?: (text: string) => void;
}

export interface BenchSection {
  name: string;
  description: string;
  run(opts: BenchOptions, emit: (row: BenchRow) => void): Promise<void>;
}
