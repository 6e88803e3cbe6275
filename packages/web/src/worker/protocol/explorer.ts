// The explorer's worker jobs (Train, Autocomplete, Loss, Inside and the Tour): their inputs and
// outputs. The worker keeps its models in one registry (worker/jobs/sessions.ts), one per named
// slot — the page's own ("main"), the tour's, and the Fine-tune page's base and tuned models — so
// no page replaces a model another page shows. Training reports the library's typed training
// events (step, eval, sample, checkpoint) plus "data" while the corpus is being prepared.

import type { GPTConfig } from '@glassbox/model/gpt';
import type { TrainingEvent } from '@glassbox/model/run';
import type { StepRecord, TrainConfig } from '@glassbox/model/train';

export type Slot = 'main' | 'tour' | 'finetuneBase' | 'finetuneTuned';

export type CorpusSpec =
  | { kind: 'brown' }
  | { kind: 'toy' }
  /** The tour's corpus: the toy corpus with the explainer's example sentences (@glassbox/model/run tourCorpusText). */
  | { kind: 'tour' }
  | { kind: 'text'; name: string; text: string };

export type TokenizerChoice = 'char' | 'word' | 'bpe';

/** What a training job reports: the corpus being prepared, then the library's training events. */
export type RunEvent = { kind: 'data'; message: string; ready: boolean } | TrainingEvent;

export interface TrainRequest {
  slot: Slot;
  corpus: CorpusSpec;
  tokenizer: TokenizerChoice;
  model: Omit<GPTConfig, 'vocabSize'>;
  train: Partial<TrainConfig>;
  /** Seed of the initial weights. */
  modelSeed: number;
}

export interface ModelInfo {
  slot: Slot;
  /** Changes whenever the slot gets a new model (cache keys for the vocabulary). */
  modelId: number;
  config: GPTConfig;
  parameters: number;
  /** Threads its kernels run on (every core when the page is cross-origin isolated). */
  threads: number;
  tokenizerKind: string;
  /** What the model was trained on or loaded from, in words. */
  source: string;
  step: number;
  maxSteps?: number;
  history: StepRecord[];
  /** A run that can continue (a paused run, or a checkpoint with trainer.json and optimizer state). */
  resumable: boolean;
  /** How the weights came in, for a model loaded from files: size, stored dtypes, seconds to load. */
  loaded?: { fileMiB: number; dtypes: string; seconds: number };
  /** The loaded checkpoint needs text to continue on (its data was not Brown or the toy corpus). */
  needsCorpus?: boolean;
  running: boolean;
}

export interface TrainOutcome {
  outcome: 'finished' | 'paused' | 'stopped' | 'early-stopped';
  info: ModelInfo;
}

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/** A dropped file handed to the worker unread (a File clones without copying its bytes). */
export interface NamedFile {
  name: string;
  file: Blob;
}

/** What a drop hands over: files as they are, or bytes (from a zip, or a test). */
export type DroppedEntry = NamedBytes | NamedFile;

export interface NextToken {
  /** Milliseconds the worker spent on the new positions (one per token while stepping). */
  ms: number;
  /** How many positions that was. */
  pushed: number;
  ids: number[];
  /** The whole sequence as text. */
  text: string;
  /** Next-token logits after the last id (V). */
  logits: Float32Array;
}

export interface TokenPiece {
  id: number;
  text: string;
}

export interface TextLoss {
  tokens: TokenPiece[];
  /** −ln p of tokens[i + 1] given the tokens before it (tokens.length − 1 values). */
  losses: number[];
  /** p of each predicted token. */
  probs: number[];
  mean: number;
  perplexity: number;
  bitsPerByte: number;
  bytes: number;
}

export interface Neighbour {
  id: number;
  text: string;
  cosine: number;
}

export interface Inside {
  tokens: TokenPiece[];
  /** Tokens cut from the front to fit the block size. */
  dropped: number;
  nLayer: number;
  nHead: number;
  /** (nLayer, nHead, T, T) attention probabilities, row = query position. */
  attention: Float32Array;
  nEmbd: number;
  /** (T, C) each token's row of the embedding table wte. */
  embeddings: Float32Array;
  /** Per token: the nearest other tokens by cosine of their wte rows. */
  neighbours: Neighbour[][];
}

export interface ExplorerJobs {
  trainStart: { input: TrainRequest; output: TrainOutcome; event: RunEvent };
  /** Continues a paused run, or a loaded checkpoint's (on `corpus` when it needs text). */
  trainResume: { input: { slot: Slot; corpus?: CorpusSpec }; output: TrainOutcome; event: RunEvent };
  trainControl: { input: { slot: Slot; command: 'pause' | 'stop' }; output: null };
  modelInfo: { input: { slot: Slot }; output: ModelInfo | null };
  /** Display text of every token id. */
  vocabulary: { input: { slot: Slot }; output: string[] };
  checkpointSave: {
    input: { slot: Slot };
    output: { zipName: string; zip: Uint8Array; files: NamedBytes[] };
  };
  checkpointLoad: { input: { slot: Slot; files: DroppedEntry[] }; output: ModelInfo };
  /** Next-token logits after a prompt (text) or an id sequence. */
  nextToken: { input: { slot: Slot; prompt?: string; ids?: number[] }; output: NextToken };
  evaluateText: { input: { slot: Slot; text: string }; output: TextLoss };
  validationSentences: { input: { slot: Slot; count: number }; output: string[] };
  inspect: { input: { slot: Slot; text: string }; output: Inside };
  tokenize: { input: { slot: Slot; text: string }; output: TokenPiece[] };
  /**
   * LoRA-fine-tunes the slot's model on a short text for a few steps (base frozen, no gradients
   * for it), then merges the adapters into its weights; progress reports each step's loss.
   */
  loraText: { input: LoraTextRequest; output: LoraTextOutcome };
}

export interface LoraTextRequest {
  slot: Slot;
  text: string;
  steps: number;
  /** Tokens per training window (at most the model's block size). */
  blockSize: number;
  batchSize: number;
  rank: number;
}

export interface LoraTextOutcome {
  losses: number[];
  msPerStep: number;
  info: ModelInfo;
}
