// The Fine-tune page: from a base model that continues text to one that answers. Four steps, each
// a panel: a base model (pretrained here or loaded), instructions (built in or a JSONL file),
// the fine-tuning run with its loss curve, and the two models side by side.

import { useState } from 'react';
import type { BaseInfo, DataInfo } from '../../worker/protocol/finetune';
import { BasePanel } from './BasePanel';
import { ComparePanel } from './ComparePanel';
import { DataPanel } from './DataPanel';
import { RunPanel } from './RunPanel';
import './finetune.css';

export default function FinetunePage() {
  const [base, setBase] = useState<BaseInfo>();
  const [data, setData] = useState<DataInfo>();
  const [runId, setRunId] = useState(0);
  return (
    <section>
      <h1>Fine-tune</h1>
      <p>
        A base model continues text; fine-tuning trains the same network a little further on examples of
        prompts and the replies they should get, so that continuing a prompt means answering it.
      </p>
      <BasePanel base={base} onBase={setBase} />
      <DataPanel data={data} onData={setData} />
      <RunPanel ready={!!base && !!data} onDone={() => setRunId((n) => n + 1)} />
      <ComparePanel prompts={data?.heldOutPrompts ?? []} runId={runId} />
    </section>
  );
}
