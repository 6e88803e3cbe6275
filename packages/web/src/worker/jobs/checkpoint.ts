// Checkpoints in the worker. Save: the library's checkpoint files (the folder `glassbox train`
// writes: config.json, model.safetensors, tokenizer.json, optimizer.safetensors, trainer.json)
// plus the same files zipped under checkpoint/. Load: dropped files, a dropped folder or a zip,
// picked out by name and validated by the library, with a message that says what is wrong.
// Not handled: checkpoints without tokenizer.json (the pages need it to turn text into ids).

import { GlassboxError } from '@glassbox/model';
import {
  CHECKPOINT_FILES,
  type CheckpointFiles,
  loadCheckpoint,
  saveCheckpoint,
} from '@glassbox/model/checkpoint';
import { describeCorpus, pretrainingCheckpoint } from '@glassbox/model/run';
import { unzipSync, type Zippable, zipSync } from 'fflate';
import type { ExplorerJobs, ModelInfo, NamedBytes } from './explorer-protocol';
import { modelInfo, newKernels, newModelId, requireSession, setSession } from './sessions';

const KNOWN = new Set<string>(Object.values(CHECKPOINT_FILES));

export async function checkpointSave({
  slot,
}: ExplorerJobs['checkpointSave']['input']): Promise<ExplorerJobs['checkpointSave']['output']> {
  const s = requireSession(slot);
  const trainer = s.trainer;
  const files =
    trainer && s.record
      ? pretrainingCheckpoint({ model: s.model, tokenizer: s.tokenizer, trainer, record: s.record })
      : saveCheckpoint({ model: s.model, tokenizer: s.tokenizer });
  const zippable: Zippable = {};
  for (const [name, bytes] of Object.entries(files)) {
    // Weights hardly compress; storing them keeps saving instant.
    zippable[`checkpoint/${name}`] = [bytes, { level: name.endsWith('.safetensors') ? 0 : 6 }];
  }
  const step = trainer?.step ?? 0;
  const name = s.corpus ? (s.corpus.kind === 'text' ? s.corpus.name : s.corpus.kind) : 'model';
  const base = name.replace(/\.[^.]*$/, '');
  return {
    zipName: `glassbox-${base.replace(/[^\w-]+/g, '-')}-step${step}.zip`,
    zip: zipSync(zippable),
    files: Object.entries(files).map(([name, bytes]) => ({ name, bytes })),
  };
}

export async function checkpointLoad({
  slot,
  files,
}: ExplorerJobs['checkpointLoad']['input']): Promise<ModelInfo> {
  const picked = pickCheckpointFiles(files);
  const where = picked.where;
  if (!picked.files[CHECKPOINT_FILES.tokenizer]) {
    throw new GlassboxError(
      'this checkpoint has no tokenizer.json; the explorer needs the tokenizer to turn text into token ids',
      where,
    );
  }
  const kernels = await newKernels();
  let loaded: Awaited<ReturnType<typeof loadCheckpoint>>;
  try {
    loaded = await loadCheckpoint(picked.files, { where, kernels });
  } catch (e) {
    kernels.dispose();
    throw e;
  }
  const state = loaded.trainer;
  const record = state?.run?.kind === 'pretrain' ? state.run : undefined;
  const trainedOn = record
    ? describeCorpus(record.corpus)
    : state?.run
      ? 'a fine-tuning set'
      : 'unknown data';
  setSession(slot, {
    model: loaded.model,
    tokenizer: loaded.tokenizer!,
    modelId: newModelId(),
    source: `loaded from ${where === 'checkpoint' ? 'a checkpoint' : where} (step ${state?.step ?? '?'}, trained on ${trainedOn})`,
    record,
    resume: record && loaded.optimizerTensors ? loaded : undefined,
    control: { pause: false, stop: false },
    running: false,
  });
  return modelInfo(slot)!;
}

/**
 * The checkpoint among what was dropped: zips are opened, paths are grouped by folder, and the
 * folder holding config.json wins (a run folder's checkpoint/ over anything else).
 */
export function pickCheckpointFiles(dropped: NamedBytes[]): { files: CheckpointFiles; where: string } {
  if (dropped.length === 0) throw new GlassboxError('no files were dropped');
  const entries: NamedBytes[] = [];
  for (const f of dropped) {
    if (f.name.toLowerCase().endsWith('.zip')) entries.push(...unzip(f));
    else entries.push(f);
  }
  const folders = new Map<string, CheckpointFiles>();
  for (const e of entries) {
    const parts = e.name.split(/[\\/]/);
    const base = parts.pop()!;
    if (!KNOWN.has(base)) continue;
    const dir = parts.join('/');
    if (!folders.has(dir)) folders.set(dir, {});
    folders.get(dir)![base] = e.bytes;
  }
  const withConfig = [...folders.entries()].filter(([, f]) => f[CHECKPOINT_FILES.config]);
  withConfig.sort(([a], [b]) => Number(b.endsWith('checkpoint')) - Number(a.endsWith('checkpoint')));
  const chosen = withConfig[0];
  const names = dropped.map((f) => `“${f.name}”`).join(', ');
  if (!chosen) {
    throw new GlassboxError(
      `${names} ${dropped.length === 1 ? 'is' : 'are'} not a checkpoint: expected the folder glassbox train writes (config.json, model.safetensors, tokenizer.json, …) or a .zip of it`,
    );
  }
  return { files: chosen[1], where: chosen[0] || (dropped.length === 1 ? dropped[0].name : 'checkpoint') };
}

function unzip(f: NamedBytes): NamedBytes[] {
  try {
    return Object.entries(unzipSync(f.bytes)).map(([name, bytes]) => ({ name, bytes }));
  } catch (e) {
    throw new GlassboxError(`not a readable zip file (${(e as Error).message})`, f.name);
  }
}
