// Opening a model folder for the commands that only run it (generate, eval, inspect, chat,
// compare): the weights stream from disk into an inference-only model (no gradients), on the
// requested threads; the load time and how the weights were stored come back for the report.

import { GlassboxError } from '@glassbox/model';
import { type GenerationDefaults, loadCheckpoint, type WeightsInfo } from '@glassbox/model/checkpoint';
import type { GPT } from '@glassbox/model/gpt';
import { openCheckpointDir } from '@glassbox/model/node';
import type { Tokenizer } from '@glassbox/model/tokenizer';
import { kernelsFor } from '../commands/train.js';

export interface OpenedModel {
  dir: string;
  model: GPT;
  tokenizer: Tokenizer;
  generation: GenerationDefaults;
  weights: WeightsInfo;
  /** Seconds from opening the folder to a ready model. */
  loadSeconds: number;
}

export async function openModel(path: string, opts: { threads?: string } = {}): Promise<OpenedModel> {
  const started = performance.now();
  const kernels = await kernelsFor(opts.threads);
  const opened = await openCheckpointDir(path);
  try {
    const loaded = await loadCheckpoint(opened.files, { where: opened.dir, kernels, training: false });
    if (!loaded.tokenizer) {
      throw new GlassboxError(
        'this folder has no tokenizer (tokenizer.json, or vocab.json + merges.txt), so text cannot be encoded',
        opened.dir,
      );
    }
    return {
      dir: opened.dir,
      model: loaded.model,
      tokenizer: loaded.tokenizer,
      generation: loaded.generation,
      weights: loaded.weights,
      loadSeconds: (performance.now() - started) / 1000,
    };
  } catch (e) {
    kernels.dispose();
    throw e;
  } finally {
    await opened.close();
  }
}
