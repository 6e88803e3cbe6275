// Step 2 of the Fine-tune page: what to learn — the built-in instruction set (small tasks made from
// the built-in corpora; its test part is held out) or a JSONL file of {prompt, response} or
// {messages} conversations (a tenth held out).

import { useJob } from '../../components/use-job';
import type { DataInfo } from '../../worker/protocol/finetune';

export function DataPanel({ data, onData }: { data?: DataInfo; onData: (d: DataInfo) => void }) {
  const job = useJob('finetuneData');
  const choose = async (input: Parameters<typeof job.start>[0]) => {
    const info = await job.start(input);
    if (info) onData(info);
  };
  return (
    <section className="ft-panel">
      <h2>2. Instructions to learn from</h2>
      <p>
        Supervised fine-tuning shows the model prompts with the replies it should give. Only the replies carry
        a loss: the model is never asked to predict the prompts.
      </p>
      <div className="ft-row">
        <button type="button" disabled={job.busy} onClick={() => choose({ source: 'builtin' })}>
          Use the built-in instructions
        </button>
        <span className="muted">or</span>
        <label className="ft-file">
          a .jsonl file{' '}
          <input
            aria-label="instructions file"
            type="file"
            accept=".jsonl,.json"
            disabled={job.busy}
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (f) await choose({ source: 'jsonl', name: f.name, text: await f.text() });
            }}
          />
        </label>
      </div>
      {job.busy && <p aria-busy="true">Preparing the instructions…</p>}
      {job.error && <p className="error">{job.error}</p>}
      {data && (
        <>
          <p data-testid="data-info">
            <strong>{data.name}:</strong> {data.train.toLocaleString('en-US')} conversations to learn from,{' '}
            {data.heldOut.toLocaleString('en-US')} held out.
          </p>
          <table>
            <thead>
              <tr>
                <th>prompt</th>
                <th>reply</th>
              </tr>
            </thead>
            <tbody>
              {data.preview.map((p) => (
                <tr key={`${p.prompt}→${p.response}`}>
                  <td>{p.prompt}</td>
                  <td>{p.response}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
