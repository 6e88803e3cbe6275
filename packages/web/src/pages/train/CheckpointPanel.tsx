// Save and load checkpoints. Save downloads the checkpoint folder as a zip (checkpoint/…), and
// offers each file on its own; Load takes dropped files, a dropped folder or a zip — the page's
// own or one `glassbox train --out DIR` wrote to DIR/checkpoint — and says precisely what is
// wrong with anything else.

import { useState } from 'react';
import { type DroppedFile, FileDrop } from '../../components/FileDrop';
import { run } from '../../worker/client';
import type { NamedFile, Slot } from '../../worker/protocol/explorer';
import { adoptModel, type RunState } from './run-store';

interface Saved {
  zipName: string;
  zip: string;
  files: { name: string; url: string; size: number }[];
}

export function CheckpointPanel({ slot, state }: { slot: Slot; state: RunState }) {
  const [saved, setSaved] = useState<Saved>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const canSave = state.model !== null && state.status !== 'preparing';

  const save = async () => {
    setError(undefined);
    setBusy('Saving…');
    try {
      const out = await run('checkpointSave', { slot });
      const url = (b: Uint8Array, type: string) =>
        URL.createObjectURL(new Blob([b as Uint8Array<ArrayBuffer>], { type }));
      const next: Saved = {
        zipName: out.zipName,
        zip: url(out.zip, 'application/zip'),
        files: out.files.map((f) => ({
          name: f.name,
          url: url(f.bytes, 'application/octet-stream'),
          size: f.bytes.length,
        })),
      };
      setSaved(next);
      download(next.zip, next.zipName);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(undefined);
    }
  };

  const load = async (dropped: DroppedFile[]) => {
    setError(undefined);
    setBusy('Loading the checkpoint…');
    try {
      // Files go to the worker unread: it streams the weights from them (a GPT-2 is 500 MB).
      const files: NamedFile[] = dropped.map((d) => ({ name: d.path, file: d.file }));
      adoptModel(slot, await run('checkpointLoad', { slot, files }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section className="panel" aria-labelledby="ckpt-title">
      <h2 id="ckpt-title">Checkpoint</h2>
      <p className="muted">
        The Hugging Face GPT-2 folder the CLI writes: config.json, model.safetensors, tokenizer.json, and for
        continuing optimizer.safetensors and trainer.json. A GPT-2 folder from the Hugging Face Hub (gpt2,
        distilgpt2: config.json, model.safetensors, vocab.json and merges.txt or tokenizer.json) loads too,
        straight from the disk into the worker.
      </p>
      <button type="button" onClick={save} disabled={!canSave || busy !== undefined}>
        Save checkpoint (.zip)
      </button>
      {saved && (
        <p className="files" data-testid="saved-files">
          <a href={saved.zip} download={saved.zipName}>
            {saved.zipName}
          </a>{' '}
          or each file:{' '}
          {saved.files.map((f) => (
            <a key={f.name} href={f.url} download={f.name}>
              {f.name} ({(f.size / 1024).toFixed(1)} kB)
            </a>
          ))}
        </p>
      )}
      <FileDrop
        label="Load: drop a checkpoint folder or a GPT-2 folder, its files, or a .zip of it."
        multiple
        folders
        testId="checkpoint-drop"
        onFiles={load}
      />
      {busy && <p aria-busy="true">{busy}</p>}
      {error && (
        <p role="alert" className="error" data-testid="checkpoint-error">
          {error}
        </p>
      )}
    </section>
  );
}

function download(url: string, name: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
}
