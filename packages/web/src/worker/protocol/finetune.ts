// The fine-tuning jobs the worker runs for the Fine-tune page and the tour's fine-tuning step:
// make or load a base model, choose instructions, fine-tune with progress, ask both models, and
// export the result. The worker keeps the models between jobs (worker/jobs/finetune-state.ts).

import type { HeldOutFigures, Reply } from '@glassbox/model/finetune';
import type { GPTConfig } from '@glassbox/model/gpt';

export interface BaseInfo {
  config: GPTConfig;
  tokenizer: string;
  /** Where it came from: "pretrained here on the Brown corpus, 300 steps" or the file names. */
  source: string;
  /** Validation loss of its pretraining, when known. */
  valLoss?: number;
}

export interface PretrainInput {
  nLayer: number;
  nHead: number;
  nEmbd: number;
  blockSize: number;
  steps: number;
  batchSize: number;
  seed: number;
}

export interface Pair {
  prompt: string;
  response: string;
}

export interface DataInfo {
  name: string;
  /** Conversations to learn from, and held out (never trained on) for the before/after loss. */
  train: number;
  heldOut: number;
  preview: Pair[];
  /** Prompts of held-out conversations, to ask both models. */
  heldOutPrompts: string[];
}

export interface RunInput {
  lora: boolean;
  rank: number;
  alpha: number;
  epochs: number;
  /** Overrides the epochs when given. */
  maxSteps?: number;
  lr: number;
  batchSize: number;
  evalInterval: number;
  pack: boolean;
}

export interface CurvePoint {
  step: number;
  loss: number;
  val?: number;
}

export interface RunResult {
  steps: number;
  outcome: 'finished' | 'stopped' | 'early-stopped';
  curve: CurvePoint[];
  /** On the held-out conversations: the base (as the run started) versus the tuned model. */
  heldOut: HeldOutFigures;
  trainable: number;
  seconds: number;
}

export interface AskRow {
  prompt: string;
  base: Reply;
  tuned: Reply;
}

type Empty = Record<string, never>;

export interface FinetuneJobs {
  finetunePretrain: { input: PretrainInput; output: BaseInfo };
  finetuneLoad: { input: { files: Record<string, Uint8Array> }; output: BaseInfo };
  finetuneUseTrainPage: { input: Empty; output: BaseInfo };
  finetuneData: {
    input: { source: 'builtin' } | { source: 'jsonl'; name: string; text: string };
    output: DataInfo;
  };
  finetuneRun: { input: RunInput; output: RunResult };
  finetuneStop: { input: Empty; output: boolean };
  finetuneAsk: { input: { prompts: string[]; maxTokens: number }; output: AskRow[] };
  finetuneExport: { input: Empty; output: Record<string, Uint8Array> };
}
