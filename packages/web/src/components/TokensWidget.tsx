// Text → tokens → ids under a model's own tokenizer: each token boxed with its id beneath,
// coloured by its id.

import { useEffect, useState } from 'react';
import { run } from '../worker/client';
import type { Slot, TokenPiece } from '../worker/protocol/explorer';
import { showToken, useModel } from './model-hooks';
import { NeedModel } from './NeedModel';
import { idColour } from './token-colour';

export function TokensWidget({ slot, initialText }: { slot: Slot; initialText: string }) {
  const model = useModel(slot);
  const [text, setText] = useState(initialText);
  const [tokens, setTokens] = useState<TokenPiece[]>([]);
  const [error, setError] = useState<string>();
  const modelId = model?.modelId;
  useEffect(() => {
    if (modelId === undefined) return;
    run('tokenize', { slot, text }).then(
      (t) => {
        setTokens(t);
        setError(undefined);
      },
      (e: Error) => setError(e.message),
    );
  }, [slot, text, modelId]);
  if (!model) return <NeedModel slot={slot} />;
  return (
    <div className="stack">
      <input
        type="text"
        aria-label="text to tokenize"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <p className="tokens" data-testid="token-ids">
        {tokens.map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: tokens repeat; position is their identity
          <span key={i} className="token" title={`id ${t.id}`} style={{ background: idColour(t.id) }}>
            {showToken(t.text)}
            <sub>{t.id}</sub>
          </span>
        ))}
      </p>
      <p className="muted">
        {tokens.length} tokens from {text.length} characters, {model.tokenizerKind}-level vocabulary of{' '}
        {model.config.vocabSize}. The model only ever sees the ids.
      </p>
    </div>
  );
}
