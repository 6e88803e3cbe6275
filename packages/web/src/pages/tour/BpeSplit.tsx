// Sub-word tokens: "running" and its neighbours cut by the tour's byte-level BPE (@glassbox/model/run's
// tourBpe: trained on the tour corpus in the worker, small enough that "running" is "run" + "ning"),
// each piece coloured by its id, spaces drawn as the library's visibleWhitespace draws them.
// Does not handle: other vocabularies (the Tokens page does).

import { visibleWhitespace } from '@glassbox/model/tokenizer';
import { useEffect, useState } from 'react';
import { idColour } from '../../components/token-colour';
import { run } from '../../worker/client';
import type { TourJobs } from '../../worker/protocol/tour';

const TEXT = 'the dog is running, the cat sat!';

export function BpeSplit() {
  const [split, setSplit] = useState<TourJobs['tourBpeSplit']['output']>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    run('tourBpeSplit', { text: TEXT }).then(setSplit, (e: Error) => setError(e.message));
  }, []);
  if (error) return <p className="error">{error}</p>;
  if (!split) return <p aria-busy="true">Training a small BPE on the tour corpus…</p>;
  return (
    <figure>
      <figcaption>
        “{TEXT}” through a BPE with {split.vocabSize} tokens learned from the tour corpus: a word it saw less
        often is spelled out of pieces it saw often, punctuation is a token of its own
      </figcaption>
      <ol className="token-list" data-testid="bpe-split">
        {split.tokens.map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: tokens repeat; position is the identity
          <li key={i} className="token" style={{ background: idColour(t.id) }}>
            <span>{visibleWhitespace(t.label)}</span> <small>{t.id}</small>
          </li>
        ))}
      </ol>
    </figure>
  );
}
