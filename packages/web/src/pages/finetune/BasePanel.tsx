// Step 1 of the Fine-tune page: the base model — pretrained right here on the Brown corpus
// (character level; a small size takes a minute or two), the Train page's model (a copy), or a
// checkpoint's files.

import { useState } from 'react';
import { progressText, useJob } from '../../components/use-job';
import type { BaseInfo, PretrainInput } from '../../worker/protocol/finetune';

export const SIZES: Record<string, Omit<PretrainInput, 'steps' | 'seed'>> = {
  tiny: { nLayer: 2, nHead: 2, nEmbd: 64, blockSize: 64, batchSize: 12 },
  baby: { nLayer: 4, nHead: 4, nEmbd: 128, blockSize: 64, batchSize: 12 },
};

export function describeBase(b: BaseInfo): string {
  const c = b.config;
  const val = b.valLoss === undefined ? '' : `, validation loss ${b.valLoss.toFixed(3)}`;
  return `${c.nLayer} layers, ${c.nHead} heads, ${c.nEmbd} wide, block ${c.blockSize}, ${b.tokenizer} tokenizer (${c.vocabSize} tokens) — ${b.source}${val}`;
}

export function BasePanel({ base, onBase }: { base?: BaseInfo; onBase: (b: BaseInfo) => void }) {
  const [size, setSize] = useState('tiny');
  const [steps, setSteps] = useState(400);
  const pretrain = useJob('finetunePretrain');
  const load = useJob('finetuneLoad');
  const fromTrainPage = useJob('finetuneUseTrainPage');
  const busy = pretrain.busy || load.busy || fromTrainPage.busy;

  const onFiles = async (list: FileList | null) => {
    if (!list?.length) return;
    const files: Record<string, Uint8Array> = {};
    for (const f of Array.from(list)) files[f.name] = new Uint8Array(await f.arrayBuffer());
    const info = await load.start({ files });
    if (info) onBase(info);
  };

  return (
    <section className="ft-panel">
      <h2>1. A base model</h2>
      <p>
        Pretraining leaves a model that continues text. Make one here — it learns to predict the next
        character of the Brown corpus — or load a checkpoint that <code>glassbox train</code> wrote.
      </p>
      <div className="ft-row">
        <label>
          size{' '}
          <select
            aria-label="base size"
            value={size}
            onChange={(e) => setSize(e.target.value)}
            disabled={busy}
          >
            <option value="tiny">tiny (2 layers, 64 wide)</option>
            <option value="baby">baby (4 layers, 128 wide)</option>
          </select>
        </label>
        <label>
          steps{' '}
          <input
            aria-label="pretraining steps"
            type="number"
            min={1}
            value={steps}
            onChange={(e) => setSteps(Number(e.target.value))}
            disabled={busy}
          />
        </label>
        <button
          type="button"
          disabled={busy}
          onClick={async () => {
            const info = await pretrain.start({ ...SIZES[size], steps, seed: 1337 });
            if (info) onBase(info);
          }}
        >
          Pretrain a base model
        </button>
        <span className="muted">or</span>
        <button
          type="button"
          disabled={busy}
          onClick={async () => {
            const info = await fromTrainPage.start({});
            if (info) onBase(info);
          }}
        >
          Use the Train page’s model
        </button>
        <span className="muted">or</span>
        <label className="ft-file">
          load checkpoint files{' '}
          <input
            aria-label="checkpoint files"
            type="file"
            multiple
            accept=".json,.safetensors"
            disabled={busy}
            onChange={(e) => onFiles(e.target.files)}
          />
        </label>
      </div>
      {pretrain.busy && (
        <p aria-busy="true">
          <progress max={pretrain.progress?.total ?? 1} value={pretrain.progress?.done ?? 0} />{' '}
          {progressText(pretrain.progress) || 'starting…'}
        </p>
      )}
      {(pretrain.error || load.error || fromTrainPage.error) && (
        <p className="error">{pretrain.error ?? load.error ?? fromTrainPage.error}</p>
      )}
      {base && (
        <p data-testid="base-info">
          <strong>Base:</strong> {describeBase(base)}
        </p>
      )}
    </section>
  );
}
