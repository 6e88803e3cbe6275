// The Tokens page's jobs (handlers in worker/jobs/tokens.ts): build a tokenizer (char, word or
// BPE trained on the Brown corpus, or GPT-2's vocabulary), tokenize text with it, and replay a
// BPE's merges for the merge animation. Messages carry plain data only.

import type { MergeRecord } from '@glassbox/model/tokenizer';

export type TokenizerChoice = 'char' | 'word' | 'bpe' | 'gpt2';

export interface TokenizerInfo {
  choice: TokenizerChoice;
  vocabSize: number;
  /** What it was built from, e.g. "Brown corpus, 500 texts, 5,982,345 characters". */
  source: string;
  buildMs: number;
  /** BPE only: every merge in order, for the merge log. */
  merges: MergeRecord[];
}

/** A token as the page shows it: id, label (its text, or hex bytes for a partial character), byte span. */
export interface ShownToken {
  id: number;
  label: string;
  start: number;
  end: number;
}

export interface TokenJobs {
  tokensPrepare: { input: { choice: TokenizerChoice; vocabSize: number }; output: TokenizerInfo };
  tokensEncode: {
    input: { choice: TokenizerChoice; vocabSize: number; text: string };
    output: ShownToken[];
  };
  tokensMergeSteps: {
    input: { vocabSize: number; text: string };
    output: { merges: number; tokens: ShownToken[] }[];
  };
}
