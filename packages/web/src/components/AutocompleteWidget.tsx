// Autocomplete, one token at a time: type a prompt and see the model's next-token distribution;
// pick a token by clicking its bar, let the sampler choose one, or stream many. The sequence of
// ids is the truth once stepping starts (re-encoding decoded text can differ), and the worker's
// KV-cache session is extended by just the new token each step.

import { Random } from '@glassbox/model';
import { drawFrom, type SamplingOptions, samplingDistribution } from '@glassbox/model/gpt';
import { useEffect, useRef, useState } from 'react';
import { run } from '../worker/client';
import type { NextToken, Slot } from '../worker/protocol/explorer';
import { CandidateBars } from './CandidateBars';
import { showToken, useModel, useVocabulary } from './model-hooks';
import { NeedModel } from './NeedModel';
import { SamplingControls } from './SamplingControls';

export function AutocompleteWidget({ slot, initialPrompt }: { slot: Slot; initialPrompt: string }) {
  const model = useModel(slot);
  const vocab = useVocabulary(slot, model);
  const [prompt, setPrompt] = useState(initialPrompt);
  const [seq, setSeq] = useState<NextToken>();
  const [promptIds, setPromptIds] = useState(0);
  const [picks, setPicks] = useState<{ id: number; p: number }[]>([]);
  const [sampling, setSampling] = useState<SamplingOptions>({ temperature: 1 });
  const [error, setError] = useState<string>();
  const [streaming, setStreaming] = useState(false);
  const stop = useRef(false);
  const typed = useRef(prompt); // the text last typed; differs from `prompt` after stepping
  const modelId = model?.modelId;
  const modelKey = model && `${model.modelId}:${model.step}`; // changes as the model trains
  const lastModel = useRef(modelId);
  const seqRef = useRef(seq);
  seqRef.current = seq;
  const fetchedFor = useRef<string | null>(null); // the model state the shown logits come from

  // Re-encode after typing (debounced); ask again when the model has trained further (the same
  // ids) or was replaced (the text, since the vocabulary may differ).
  useEffect(() => {
    if (modelId === undefined || !modelKey) return;
    if (lastModel.current !== modelId) typed.current = prompt;
    lastModel.current = modelId;
    const fromTyping = typed.current === prompt;
    const ids = seqRef.current?.ids;
    if (!fromTyping && (fetchedFor.current === modelKey || !ids)) return; // stepping already asked
    const timer = setTimeout(() => {
      run('nextToken', fromTyping ? { slot, prompt } : { slot, ids }).then(
        (r) => {
          fetchedFor.current = modelKey;
          setSeq(r);
          if (fromTyping) {
            setPromptIds(r.ids.length);
            setPicks([]);
          }
          setError(undefined);
        },
        (e: Error) => setError(e.message),
      );
    }, 150);
    return () => clearTimeout(timer);
  }, [slot, prompt, modelId, modelKey]);

  if (!model) return <NeedModel slot={slot} />;

  const step = async (id: number, current: NextToken) => {
    const p = Math.exp(current.logits[id] - logSumExp(current.logits));
    const next = await run('nextToken', { slot, ids: [...current.ids, id] });
    fetchedFor.current = modelKey;
    setSeq(next);
    setPicks((x) => [...x, { id, p }]);
    typed.current = '\u0000'; // the textarea now shows generated text
    setPrompt(next.text);
    return next;
  };
  const choose = (current: NextToken, rng: Random) =>
    drawFrom(samplingDistribution(current.logits, sampling), rng);

  const stream = async (count: number) => {
    if (!seq) return;
    stop.current = false;
    setStreaming(true);
    const rng = new Random(picks.length + 1);
    let current = seq;
    try {
      for (let i = 0; i < count && !stop.current; i++) current = await step(choose(current, rng), current);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setStreaming(false);
    }
  };

  return (
    <div className="stack">
      <textarea
        aria-label="prompt"
        rows={3}
        value={prompt}
        onChange={(e) => {
          typed.current = e.target.value;
          setPrompt(e.target.value);
        }}
      />
      <SamplingControls value={sampling} onChange={setSampling} />
      <div className="controls">
        <button
          type="button"
          disabled={!seq || streaming}
          onClick={() => seq && step(choose(seq, new Random(picks.length + 1)), seq)}
        >
          Sample one token
        </button>
        <button type="button" disabled={!seq || streaming} onClick={() => stream(60)}>
          Stream 60 tokens
        </button>
        <button type="button" disabled={!streaming} onClick={() => (stop.current = true)}>
          Stop
        </button>
        <span className="muted">…or click a row to pick that token yourself.</span>
      </div>
      {error && (
        <p role="alert" className="error" data-testid="autocomplete-error">
          {error}
        </p>
      )}
      {seq && vocab && (
        <>
          <p className="generated" data-testid="sequence">
            {vocab &&
              seq.ids
                .slice(0, promptIds)
                .map((id) => vocab[id])
                .join('')}
            <strong>
              {seq.ids
                .slice(promptIds)
                .map((id) => vocab[id])
                .join('')}
            </strong>
          </p>
          {picks.length > 0 && (
            <p className="muted" data-testid="picks">
              {picks.length} token{picks.length === 1 ? '' : 's'} added; last: “
              {showToken(vocab[picks[picks.length - 1].id])}” with p = {picks[picks.length - 1].p.toFixed(3)}{' '}
              (−ln p = {(-Math.log(picks[picks.length - 1].p)).toFixed(2)})
            </p>
          )}
          <p className="muted" data-testid="step-time">
            {seq.pushed === 1
              ? `This step: ${seq.ms.toFixed(0)} ms for one token (${(1000 / Math.max(seq.ms, 0.001)).toFixed(1)} tokens/s) — every weight read once.`
              : `This step: ${seq.ms.toFixed(0)} ms for ${seq.pushed} tokens of prompt (${(seq.ms / Math.max(seq.pushed, 1)).toFixed(1)} ms each, fed together).`}
          </p>
          <CandidateBars
            logits={seq.logits}
            vocab={vocab}
            sampling={sampling}
            onPick={streaming ? undefined : (id) => step(id, seq).catch((e: Error) => setError(e.message))}
          />
        </>
      )}
    </div>
  );
}

function logSumExp(x: Float32Array): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of x) max = Math.max(max, v);
  let sum = 0;
  for (const v of x) sum += Math.exp(v - max);
  return max + Math.log(sum);
}
