// Checkpoints in the worker. Save: the library's checkpoint files (the folder `glassbox train`
// writes: config.json, model.safetensors, tokenizer.json, optimizer.safetensors, trainer.json, …)
// plus the same files zipped under checkpoint/. Load: dropped files, a dropped folder or a zip —
// glassbox's own or a GPT-2 folder from the Hugging Face Hub (vocab.json + merges.txt,
// generation_config.json, F16/BF16 weights) — picked out by name and validated by the library,
// with a message that says what is wrong. Dropped files arrive unread: model.safetensors streams
// from its File into the model slice by slice (a 500 MB GPT-2 is never copied whole), and a model
// without training state loads inference-only (no gradients). Not handled: folders without a
// tokenizer (the pages need it to turn text into ids), weights inside a zip larger than memory.

import { GlassboxError } from '@glassbox/model';
import {
  blobSource,
  CHECKPOINT_FILES,
  loadCheckpoint,
  type ModelFolder,
  saveCheckpoint,
} from '@glassbox/model/checkpoint';
import { describeCorpus, pretrainingCheckpoint } from '@glassbox/model/run';
import { unzipSync, type Zippable, zipSync } from 'fflate';
import type { DroppedEntry, ExplorerJobs, ModelInfo, NamedBytes } from '../protocol/explorer';
import { modelInfo, newKernels, newModelId, requireSession, setSession } from './sessions';

/** The files of a checkpoint or Hub GPT-2 folder (weight formats glassbox refuses included, to say so). */
const KNOWN = new Set<string>([
  ...Object.values(CHECKPOINT_FILES),
  'vocab.json',
  'merges.txt',
  'tokenizer_config.json',
  'generation_config.json',
  'special_tokens_map.json',
  'pytorch_model.bin',
  'model.safetensors.index.json',
  'tf_model.h5',
  'flax_model.msgpack',
]);
const TOKENIZER_FILES = ['tokenizer.json', 'vocab.json'];

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
  const started = performance.now();
  const picked = await pickCheckpointFiles(files);
  const where = picked.where;
  if (!TOKENIZER_FILES.some((n) => picked.files[n])) {
    throw new GlassboxError(
      'this checkpoint has no tokenizer (tokenizer.json, or vocab.json + merges.txt); the explorer needs it to turn text into token ids',
      where,
    );
  }
  const kernels = await newKernels();
  let loaded: Awaited<ReturnType<typeof loadCheckpoint>>;
  try {
    // Only a run that can continue needs gradients; anything else (a GPT-2 from the Hub) gets none
    // for its own weights — it runs, and LoRA can still fine-tune it ('adapters').
    const training = picked.files[CHECKPOINT_FILES.trainer] !== undefined ? true : 'adapters';
    loaded = await loadCheckpoint(picked.files, { where, kernels, training });
  } catch (e) {
    kernels.dispose();
    throw e;
  }
  const seconds = (performance.now() - started) / 1000;
  const state = loaded.trainer;
  const record = state?.run?.kind === 'pretrain' ? state.run : undefined;
  const trainedOn = record
    ? describeCorpus(record.corpus)
    : state?.run
      ? 'a fine-tuning set'
      : 'unknown data';
  const place = where === 'checkpoint' ? 'dropped files' : where;
  // A folder without training state (a GPT-2 from the Hub, an export) only runs.
  const source = state
    ? `loaded from ${place === 'dropped files' ? 'a checkpoint' : place} (step ${state.step}, trained on ${trainedOn})`
    : `loaded from ${place} (no training state: it runs, and LoRA can fine-tune it)`;
  setSession(slot, {
    model: loaded.model,
    tokenizer: loaded.tokenizer!,
    modelId: newModelId(),
    source,
    record,
    resume: record && loaded.optimizerTensors ? loaded : undefined,
    control: { pause: false, stop: false },
    running: false,
    loaded: {
      fileMiB: loaded.weights.fileBytes / 2 ** 20,
      dtypes: Object.keys(loaded.weights.dtypes).join('/'),
      seconds,
    },
    eosTokenIds: loaded.generation.eosTokenIds,
  });
  return modelInfo(slot)!;
}

/**
 * The checkpoint among what was dropped: zips are opened, paths are grouped by folder, and the
 * folder holding config.json wins (a run folder's checkpoint/ over anything else). Weights stay
 * in their File (read slice by slice while loading); the small files are read here.
 */
export async function pickCheckpointFiles(
  dropped: DroppedEntry[],
): Promise<{ files: ModelFolder; where: string }> {
  if (dropped.length === 0) throw new GlassboxError('no files were dropped');
  const entries: DroppedEntry[] = [];
  for (const f of dropped) {
    if (f.name.toLowerCase().endsWith('.zip'))
      entries.push(
        ...unzip('bytes' in f ? f : { name: f.name, bytes: new Uint8Array(await f.file.arrayBuffer()) }),
      );
    else entries.push(f);
  }
  const folders = new Map<string, ModelFolder>();
  for (const e of entries) {
    const parts = e.name.split(/[\\/]/);
    const base = parts.pop()!;
    if (!KNOWN.has(base)) continue;
    const dir = parts.join('/');
    if (!folders.has(dir)) folders.set(dir, {});
    const files = folders.get(dir)!;
    if ('bytes' in e) files[base] = e.bytes;
    else if (base.endsWith('.safetensors')) files[base] = blobSource(e.file, e.name);
    else if (base.endsWith('.bin') || base.endsWith('.h5') || base.endsWith('.msgpack'))
      files[base] = new Uint8Array(0); // noted, never read
    else files[base] = new Uint8Array(await e.file.arrayBuffer());
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
