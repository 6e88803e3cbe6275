// The Tokens page's worker jobs (they run inside glassbox.worker.ts, never on the UI thread):
// build a tokenizer — char, word or BPE trained on the Brown corpus, or GPT-2's real vocabulary —
// keep it for later calls, tokenize text with it, and replay a BPE's merges on a short text for
// the merge animation. Messages carry plain data only (ids, labels, byte spans, merge records).

import { fetchBrownCorpus, joinDocuments } from '@glassbox/model/data';
import type { Progress } from '@glassbox/model/run';
import {
  type BpeTokenizer,
  loadGpt2,
  type MergeRecord,
  mergeSteps,
  type Tokenizer,
  tokenLabels,
  trainBpe,
  trainChar,
  trainWord,
} from '@glassbox/model/tokenizer';
import type { ShownToken, TokenizerChoice, TokenizerInfo, TokenJobs } from '../protocol/tokens';

const built = new Map<string, Promise<{ tokenizer: Tokenizer; info: TokenizerInfo }>>();

async function corpusText(progress: (p: Progress) => void): Promise<{ text: string; source: string }> {
  progress({ stage: 'corpus', done: 0, message: 'loading the Brown corpus' });
  const docs = await fetchBrownCorpus();
  const text = joinDocuments(docs);
  return {
    text,
    source: `the Brown corpus (${docs.length} texts, ${text.length.toLocaleString('en-US')} characters)`,
  };
}

async function build(choice: TokenizerChoice, vocabSize: number, progress: (p: Progress) => void) {
  const started = performance.now();
  if (choice === 'gpt2') {
    progress({ stage: 'gpt2', done: 0, message: 'loading GPT-2’s vocabulary' });
    const tokenizer = await loadGpt2();
    const info = {
      choice,
      vocabSize: tokenizer.vocabSize,
      source: 'GPT-2 (r50k_base, via js-tiktoken)',
      merges: [],
    };
    return { tokenizer, info: { ...info, buildMs: performance.now() - started } };
  }
  const { text, source } = await corpusText(progress);
  let tokenizer: Tokenizer;
  let merges: MergeRecord[] = [];
  if (choice === 'bpe') {
    const result = trainBpe({ texts: [text], vocabSize, onProgress: progress });
    tokenizer = result.tokenizer;
    merges = result.merges;
  } else if (choice === 'word') {
    tokenizer = trainWord({ texts: [text], vocabSize });
  } else {
    tokenizer = trainChar({ texts: [text], unkToken: '<unk>' });
  }
  const info = {
    choice,
    vocabSize: tokenizer.vocabSize,
    source,
    merges,
    buildMs: performance.now() - started,
  };
  return { tokenizer, info };
}

function prepared(choice: TokenizerChoice, vocabSize: number, progress: (p: Progress) => void) {
  const key = choice === 'gpt2' || choice === 'char' ? choice : `${choice}:${vocabSize}`;
  let entry = built.get(key);
  if (!entry) {
    entry = build(choice, vocabSize, progress);
    entry.catch(() => built.delete(key));
    built.set(key, entry);
  }
  return entry;
}

/** Tokens as the pages show them: id, label (tokenLabels) and byte span. */
export function shown(text: string, spans: { id: number; start: number; end: number }[]): ShownToken[] {
  const labels = tokenLabels(text, spans);
  return spans.map((s, i) => ({ id: s.id, label: labels[i], start: s.start, end: s.end }));
}

type Handlers = {
  [K in keyof TokenJobs]: (
    input: TokenJobs[K]['input'],
    progress: (p: Progress) => void,
  ) => Promise<TokenJobs[K]['output']>;
};

export const tokenHandlers: Handlers = {
  tokensPrepare: async ({ choice, vocabSize }, progress) =>
    (await prepared(choice, vocabSize, progress)).info,
  tokensEncode: async ({ choice, vocabSize, text }, progress) => {
    const { tokenizer } = await prepared(choice, vocabSize, progress);
    return shown(text, tokenizer.explain(text));
  },
  tokensMergeSteps: async ({ vocabSize, text }, progress) => {
    const { tokenizer } = await prepared('bpe', vocabSize, progress);
    return mergeSteps(tokenizer as BpeTokenizer, text).map((s) => ({
      merges: s.merges,
      tokens: shown(text, s.tokens),
    }));
  },
};
