// Sub-word tokens: "running" and its neighbours cut by a byte-level BPE of 512 tokens trained on
// the Brown corpus in the worker (the Tokens page's job), each piece coloured by its id, spaces
// drawn as the library's visibleWhitespace draws them. Does not handle: other vocabularies.

import { visibleWhitespace } from '@glassbox/model/tokenizer';
import { useEffect, useState } from 'react';
import { idColour } from '../../components/token-colour';
import { run } from '../../worker/client';
import type { ShownToken } from '../../worker/protocol/tokens';

const TEXT = 'the dog is running, the cat sat!';

export function BpeSplit() {
  const [tokens, setTokens] = useState<ShownToken[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    run('tokensEncode', { choice: 'bpe', vocabSize: 512, text: TEXT }).then(setTokens, (e: Error) =>
      setError(e.message),
    );
  }, []);
  if (error) return <p className="error">{error}</p>;
  if (!tokens) return <p aria-busy="true">Training a 512-token BPE on the Brown corpus…</p>;
  return (
    <figure>
      <figcaption>
        “{TEXT}” through a BPE with 512 tokens: words split into pieces, punctuation its own token
      </figcaption>
      <ol className="token-list" data-testid="bpe-split">
        {tokens.map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: tokens repeat; position is the identity
          <li key={i} className="token" style={{ background: idColour(t.id) }}>
            <span>{visibleWhitespace(t.label)}</span> <small>{t.id}</small>
          </li>
        ))}
      </ol>
    </figure>
  );
}
