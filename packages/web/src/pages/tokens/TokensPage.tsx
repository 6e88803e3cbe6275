// The Tokens page: type or paste text and see it as tokens — coloured pieces with their ids
// (hover links the two), the token count and bytes per token — with a choice of tokenizer:
// characters, words or a BPE trained here in the worker on the Brown corpus (its merge log
// animated), or GPT-2's real vocabulary. All tokenizing runs in the worker.

import type { Progress } from '@glassbox/model/run';
import { useEffect, useState } from 'react';
import { run } from '../../worker/client';
import type { ShownToken, TokenizerChoice, TokenizerInfo } from '../../worker/protocol/tokens';
import { MergeLog } from './MergeLog';
import { TokenView } from './TokenView';
import './tokens.css';

const SAMPLE =
  'The cat sat on the mat, and the dog chased it. Tokenizers cut text into pieces: ' +
  'unbelievably long words split up, 1234567 splits too, and an emoji 😀 or 漢字 becomes bytes.\n' +
  '  Spaces, tabs\tand newlines are characters as well.';

const CHOICES: { value: TokenizerChoice; label: string; hint: string }[] = [
  { value: 'char', label: 'Characters', hint: 'one token per character' },
  {
    value: 'word',
    label: 'Words',
    hint: 'one token per word, space or punctuation mark; <unk> for the rest',
  },
  {
    value: 'bpe',
    label: 'BPE (trained here)',
    hint: 'byte-level BPE learned from the Brown corpus in your browser',
  },
  { value: 'gpt2', label: 'GPT-2', hint: 'the real GPT-2 vocabulary: 50,257 tokens' },
];

const VOCAB_OPTIONS: Record<'word' | 'bpe', number[]> = {
  bpe: [500, 1000, 2000, 4096],
  word: [1000, 5000, 20000],
};

export function TokensPage() {
  const [choice, setChoice] = useState<TokenizerChoice>('gpt2');
  const [vocab, setVocab] = useState({ bpe: 1000, word: 5000 });
  const [text, setText] = useState(SAMPLE);
  const [info, setInfo] = useState<TokenizerInfo>();
  const [tokens, setTokens] = useState<ShownToken[]>();
  const [progress, setProgress] = useState<Progress>();
  const [error, setError] = useState<string>();
  const vocabSize = choice === 'bpe' || choice === 'word' ? vocab[choice] : 0;

  useEffect(() => {
    let live = true;
    setInfo(undefined);
    setTokens(undefined);
    setError(undefined);
    run('tokensPrepare', { choice, vocabSize }, (p) => live && setProgress(p)).then(
      (i) => {
        if (!live) return;
        setInfo(i);
        setProgress(undefined);
      },
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [choice, vocabSize]);

  useEffect(() => {
    if (!info) return;
    let live = true;
    run('tokensEncode', { choice, vocabSize, text }).then(
      (t) => live && setTokens(t),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [info, choice, vocabSize, text]);

  const bytes = new TextEncoder().encode(text).length;
  return (
    <section className="tokens-page">
      <h1>Tokens</h1>
      <p>
        A language model never sees letters: text becomes <em>tokens</em>, and each token has an id — a number
        that picks its row in the model’s embedding table. Words are the intuition; real tokenizers use pieces
        of words, punctuation, single characters and even bytes.
      </p>
      <fieldset className="tok-choices">
        <legend>Tokenizer</legend>
        {CHOICES.map((c) => (
          <label key={c.value} title={c.hint}>
            <input
              type="radio"
              name="tokenizer"
              checked={choice === c.value}
              onChange={() => setChoice(c.value)}
            />
            {c.label}
          </label>
        ))}
        {(choice === 'bpe' || choice === 'word') && (
          <label>
            vocabulary
            <select
              aria-label="vocabulary size"
              value={vocab[choice]}
              onChange={(e) => setVocab({ ...vocab, [choice]: Number(e.target.value) })}
            >
              {VOCAB_OPTIONS[choice].map((n) => (
                <option key={n} value={n}>
                  {n.toLocaleString('en-US')}
                </option>
              ))}
            </select>
          </label>
        )}
      </fieldset>
      <p className="muted" data-testid="tokenizer-info">
        {info
          ? `${info.vocabSize.toLocaleString('en-US')} tokens in the vocabulary, from ${info.source}` +
            (info.choice === 'gpt2' ? '' : `, built in ${(info.buildMs / 1000).toFixed(1)} s`)
          : CHOICES.find((c) => c.value === choice)?.hint}
      </p>
      {progress && !info && <ProgressLine progress={progress} />}
      {error && <p className="error">{error}</p>}
      <textarea
        aria-label="text to tokenize"
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={5}
        spellCheck={false}
      />
      {tokens && (
        <>
          <p className="tok-stats" data-testid="token-stats">
            <strong data-testid="token-count">{tokens.length.toLocaleString('en-US')}</strong> tokens ·{' '}
            {[...text].length.toLocaleString('en-US')} characters · {bytes.toLocaleString('en-US')} bytes ·{' '}
            <strong data-testid="bytes-per-token">
              {tokens.length ? (bytes / tokens.length).toFixed(2) : '—'}
            </strong>{' '}
            bytes/token
          </p>
          <TokenView tokens={tokens} />
        </>
      )}
      {info?.choice === 'bpe' && info.merges.length > 0 && (
        <MergeLog key={info.vocabSize} merges={info.merges} vocabSize={vocabSize} text={text} />
      )}
    </section>
  );
}

function ProgressLine({ progress }: { progress: Progress }) {
  const label =
    progress.message ??
    `${progress.stage}: ${progress.done.toLocaleString('en-US')} / ${progress.total ?? '?'} merges`;
  return (
    <p aria-busy="true" data-testid="tokens-progress">
      <progress value={progress.total ? progress.done : undefined} max={progress.total ?? 1} /> {label}
    </p>
  );
}
