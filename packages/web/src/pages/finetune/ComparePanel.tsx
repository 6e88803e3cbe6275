// Step 4 of the Fine-tune page: ask the base model (as the fine-tune started, chat tokens and all)
// and the fine-tuned one the same prompts — held-out ones or your own — and download the tuned
// model as a checkpoint folder's files.

import { useEffect, useState } from 'react';
import { useJob } from '../../components/use-job';
import { run } from '../../worker/client';
import type { AskRow } from '../../worker/protocol/finetune';
import { SideBySide } from './SideBySide';

function download(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart]));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ComparePanel({ prompts, runId }: { prompts: string[]; runId: number }) {
  const [rows, setRows] = useState<AskRow[]>([]);
  const [own, setOwn] = useState('');
  const ask = useJob('finetuneAsk');
  const askBoth = ask.start;

  // A finished run answers the held-out prompts straight away.
  useEffect(() => {
    if (runId === 0) return;
    askBoth({ prompts, maxTokens: 40 }).then((r) => setRows(r ?? []));
  }, [runId, prompts, askBoth]);

  return (
    <section className="ft-panel">
      <h2>4. Base versus fine-tuned</h2>
      <p>
        The base model only ever learned to continue text, so after a question it carries on with more text.
        The fine-tuned model learned that after <code>{'<|assistant|>'}</code> comes an answer, then{' '}
        <code>{'<|end|>'}</code>.
      </p>
      <form
        className="ft-row"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!own.trim()) return;
          const r = await askBoth({ prompts: [own], maxTokens: 40 });
          if (r) setRows([...r, ...rows]);
        }}
      >
        <input
          aria-label="your prompt"
          placeholder='e.g. Shout "garden".'
          value={own}
          onChange={(e) => setOwn(e.target.value)}
          size={40}
        />
        <button type="submit" disabled={ask.busy || runId === 0}>
          Ask both
        </button>
        <button
          type="button"
          disabled={runId === 0}
          onClick={async () => {
            const files = await run('finetuneExport', {});
            for (const [name, bytes] of Object.entries(files)) download(name, bytes);
          }}
        >
          Download the fine-tuned model
        </button>
      </form>
      {ask.busy && <p aria-busy="true">Both models are answering…</p>}
      {ask.error && <p className="error">{ask.error}</p>}
      {rows.length > 0 && <SideBySide rows={rows} />}
    </section>
  );
}
