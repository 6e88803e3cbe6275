// Look inside the model on a prompt: choose a layer and a head to see where each position
// attends, and every input token's embedding. One forward pass in the worker per prompt.

import { useEffect, useState } from 'react';
import { run } from '../worker/client';
import type { Inside, Slot } from '../worker/protocol/explorer';
import { AttentionMap } from './AttentionMap';
import { EmbeddingRows } from './EmbeddingRows';
import { useModel } from './model-hooks';
import { NeedModel } from './NeedModel';

export function InsideWidget({
  slot,
  initialPrompt,
  showEmbeddings = true,
}: {
  slot: Slot;
  initialPrompt: string;
  showEmbeddings?: boolean;
}) {
  const model = useModel(slot);
  const [prompt, setPrompt] = useState(initialPrompt);
  const [inside, setInside] = useState<Inside>();
  const [layer, setLayer] = useState(0);
  const [head, setHead] = useState(0);
  const [error, setError] = useState<string>();
  const modelKey = model && `${model.modelId}:${model.step}`; // new weights: look again

  useEffect(() => {
    if (!modelKey) return;
    const timer = setTimeout(() => {
      run('inspect', { slot, text: prompt }).then(
        (r) => {
          setInside(r);
          setLayer((l) => Math.min(l, r.nLayer - 1));
          setHead((h) => Math.min(h, r.nHead - 1));
          setError(undefined);
        },
        (e: Error) => setError(e.message),
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [slot, prompt, modelKey]);

  if (!model) return <NeedModel slot={slot} />;
  const T = inside?.tokens.length ?? 0;
  const weights = inside?.attention.subarray(
    (layer * inside.nHead + head) * T * T,
    (layer * inside.nHead + head + 1) * T * T,
  );
  return (
    <div className="stack">
      <input type="text" aria-label="prompt" value={prompt} onChange={(e) => setPrompt(e.target.value)} />
      {error && (
        <p role="alert" className="error" data-testid="inside-error">
          {error}
        </p>
      )}
      {inside && weights && (
        <>
          {inside.dropped > 0 && (
            <p className="muted">
              The first {inside.dropped} tokens are cut: the model sees {model.config.blockSize} at most.
            </p>
          )}
          <div className="controls">
            <OrdinalSelect name="layer" count={inside.nLayer} value={layer} onChange={setLayer} />
            <OrdinalSelect name="head" count={inside.nHead} value={head} onChange={setHead} />
          </div>
          <AttentionMap tokens={inside.tokens.map((t) => t.text)} weights={weights} T={T} />
          {showEmbeddings && (
            <>
              <p>
                Before any attention, each token id becomes its row of the embedding table — the numbers the
                model learned for that token. The <a href="#/embeddings">Embeddings page</a> maps such vectors
                in 2-D.
              </p>
              <EmbeddingRows inside={inside} />
            </>
          )}
        </>
      )}
    </div>
  );
}

/** Choose one of `count` numbered things (layers, heads), shown as "2 of 4". */
function OrdinalSelect(props: { name: string; count: number; value: number; onChange(i: number): void }) {
  return (
    <label>
      {props.name}{' '}
      <select
        aria-label={props.name}
        value={props.value}
        onChange={(e) => props.onChange(Number(e.target.value))}
      >
        {Array.from({ length: props.count }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the items are numbered
          <option key={i} value={i}>
            {i + 1} of {props.count}
          </option>
        ))}
      </select>
    </label>
  );
}
