// Where the training text comes from: the built-in Brown corpus, the toy corpus, or a text the
// learner drops or pastes; and which tokenizer cuts it (characters, or words for the toy corpus).

import { FileDrop } from '../../components/FileDrop';
import type { CorpusSpec, TokenizerChoice } from '../../worker/protocol/explorer';

export interface CorpusChoice {
  kind: CorpusSpec['kind'];
  name: string;
  text: string;
  tokenizer: TokenizerChoice;
}

export function toCorpusSpec(c: CorpusChoice): CorpusSpec {
  return c.kind === 'text' ? { kind: 'text', name: c.name || 'pasted text', text: c.text } : { kind: c.kind };
}

const KINDS: { kind: CorpusSpec['kind']; label: string; tokenizer: TokenizerChoice }[] = [
  {
    kind: 'brown',
    label: 'The Brown corpus (built in: 500 American English texts, 6 M characters)',
    tokenizer: 'char',
  },
  {
    kind: 'toy',
    label: 'The toy corpus (short sentences where cat and dog share contexts)',
    tokenizer: 'word',
  },
  { kind: 'text', label: 'Your own text (drop a .txt file or paste)', tokenizer: 'char' },
];

export function CorpusPicker({ value, onChange }: { value: CorpusChoice; onChange(c: CorpusChoice): void }) {
  return (
    <fieldset>
      <legend>Data</legend>
      {KINDS.map((k) => (
        <label key={k.kind} className="choice">
          <input
            type="radio"
            name="corpus"
            value={k.kind}
            checked={value.kind === k.kind}
            onChange={() => onChange({ ...value, kind: k.kind, tokenizer: k.tokenizer })}
          />
          {k.label}
        </label>
      ))}
      {value.kind === 'text' && (
        <div className="stack">
          <FileDrop
            label={
              value.name
                ? `Loaded “${value.name}” (${value.text.length.toLocaleString('en-US')} characters).`
                : 'Drop a text file here.'
            }
            accept=".txt,text/plain"
            testId="corpus-drop"
            onFiles={async ([f]) => f && onChange({ ...value, name: f.path, text: await f.file.text() })}
          />
          <textarea
            aria-label="training text"
            rows={4}
            placeholder="…or paste text here"
            value={value.text}
            onChange={(e) => onChange({ ...value, name: value.name || 'pasted text', text: e.target.value })}
          />
        </div>
      )}
      <label>
        Tokenizer{' '}
        <select
          aria-label="tokenizer"
          value={value.tokenizer}
          onChange={(e) => onChange({ ...value, tokenizer: e.target.value as TokenizerChoice })}
        >
          <option value="char">characters (one token per character, as nanoGPT's shakespeare_char)</option>
          <option value="word">
            words (one token per word, space or punctuation mark; 4,096 most frequent)
          </option>
          <option value="bpe">
            byte-level BPE (GPT-2's kind: 512 tokens, merges learned from this text)
          </option>
        </select>
      </label>
    </fieldset>
  );
}
