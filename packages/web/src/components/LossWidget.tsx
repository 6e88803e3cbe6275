// Score a sentence: pick one from the validation text (text the model never trained on) or type
// one, and see each token coloured by its loss, with the mean, perplexity and bits per byte.

import { useEffect, useState } from 'react';
import { run } from '../worker/client';
import type { Slot, TextLoss } from '../worker/protocol/explorer';
import { useModel } from './model-hooks';
import { NeedModel } from './NeedModel';
import { TokenLossText } from './TokenLoss';

export function LossWidget({ slot }: { slot: Slot }) {
  const model = useModel(slot);
  const [sentences, setSentences] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [result, setResult] = useState<TextLoss>();
  const [error, setError] = useState<string>();
  const modelId = model?.modelId;
  const modelKey = model && `${model.modelId}:${model.step}`; // new weights: look again

  useEffect(() => {
    if (modelId === undefined) return;
    run('validationSentences', { slot, count: 8 }).then(
      (s) => {
        setSentences(s);
        setText((t) => t || s[0] || '');
      },
      (e: Error) => setError(e.message),
    );
  }, [slot, modelId]);

  useEffect(() => {
    if (!modelKey || !text) return;
    const timer = setTimeout(() => {
      run('evaluateText', { slot, text }).then(
        (r) => {
          setResult(r);
          setError(undefined);
        },
        (e: Error) => {
          setResult(undefined);
          setError(e.message);
        },
      );
    }, 150);
    return () => clearTimeout(timer);
  }, [slot, text, modelKey]);

  if (!model) return <NeedModel slot={slot} />;
  return (
    <div className="stack">
      {sentences.length > 0 && (
        <label>
          A sentence from the validation text{' '}
          <select
            aria-label="validation sentence"
            value={sentences.includes(text) ? text : ''}
            onChange={(e) => setText(e.target.value)}
          >
            <option value="" disabled>
              (your own)
            </option>
            {sentences.map((s) => (
              <option key={s} value={s}>
                {s.length > 80 ? `${s.slice(0, 77)}…` : s}
              </option>
            ))}
          </select>
        </label>
      )}
      <input type="text" aria-label="sentence" value={text} onChange={(e) => setText(e.target.value)} />
      {error && (
        <p role="alert" className="error" data-testid="loss-error">
          {error}
        </p>
      )}
      {result && <TokenLossText result={result} vocabSize={model.config.vocabSize} />}
    </div>
  );
}
