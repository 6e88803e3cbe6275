// The About page (diagnostics): what glassbox is, and the numeric core running live in the worker —
// every wasm kernel checked against its reference twin in this browser. (The home page is the tour.)

import type { SelfCheckRow } from '@glassbox/core-wasm';
import { useEffect, useState } from 'react';
import { run } from '../worker/client';

export default function About() {
  const [rows, setRows] = useState<SelfCheckRow[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    run('selfcheck', { seed: 1 }).then(setRows, (e: Error) => setError(e.message));
  }, []);

  return (
    <section>
      <h1>About glassbox</h1>
      <p>
        See how a large language model works by running one: text becomes tokens, tokens become vectors, a GPT
        learns by predicting the next token, its loss falls, and the base model it becomes can be sampled and
        fine-tuned. Every step runs here, in your browser.
      </p>
      <h2>Numeric core</h2>
      <p>WebAssembly SIMD kernels checked against their plain TypeScript twins, live in a Web Worker.</p>
      {error && <p className="error">Self-check failed to run: {error}</p>}
      {!rows && !error && <p aria-busy="true">Running the kernel self-check…</p>}
      {rows && (
        <>
          <table data-testid="selfcheck">
            <thead>
              <tr>
                <th>kernel</th>
                <th>shape</th>
                <th>max error</th>
                <th>wasm ms</th>
                <th>reference ms</th>
                <th>status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.kernel}>
                  <td>{r.kernel}</td>
                  <td>{r.shape}</td>
                  <td>{r.maxError.toExponential(1)}</td>
                  <td>{r.wasmMs.toFixed(2)}</td>
                  <td>{r.referenceMs.toFixed(2)}</td>
                  <td className={r.ok ? 'ok' : 'bad'}>{r.ok ? 'ok' : 'mismatch'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p data-testid="selfcheck-summary">
            {rows.every((r) => r.ok)
              ? `All ${rows.length} kernel families agree with the reference.`
              : `${rows.filter((r) => !r.ok).length} kernel families disagree.`}
          </p>
        </>
      )}
    </section>
  );
}
