// Opening a model folder for the commands that only run it (generate, eval, inspect, chat,
// compare): the weights stream from disk into an inference-only model (no gradients), on the
// requested threads; the load time and how the weights were stored come back for the report.

import { GlassboxError } from '@glassbox/model';
import { type GenerationDefaults, loadCheckpoint, type WeightsInfo } from '@glassbox/model/checkpoint';
import { fromHuggingFaceConfig, type GPT, parameterCount } from '@glassbox/model/gpt';
import { openCheckpointDir } from '@glassbox/model/node';
import type { RunRecord } from '@glassbox/model/run';
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
  /** The run record of the training that made it (trainer.json), when the folder has one. */
  run?: RunRecord;
}

/**
 * Weights above this many bytes run on one thread: the threaded core's shared memory is capped at
 * 2 GiB (a shared WebAssembly memory declares its maximum), the single-threaded one reaches 4 GiB.
 */
const SHARED_MEMORY_WEIGHTS = 1.6e9;

export async function openModel(path: string, opts: { threads?: string } = {}): Promise<OpenedModel> {
  const started = performance.now();
  const opened = await openCheckpointDir(path);
  let threads = opts.threads;
  const config = opened.files['config.json'];
  if (threads === undefined && config instanceof Uint8Array) {
    try {
      const bytes = parameterCount(fromHuggingFaceConfig(JSON.parse(new TextDecoder().decode(config)))) * 4;
      if (bytes > SHARED_MEMORY_WEIGHTS) {
        threads = '1';
        console.error(
          `note: ${(bytes / 2 ** 30).toFixed(1)} GiB of weights: running on one thread (the threaded core's memory is capped at 2 GiB)`,
        );
      }
    } catch {
      // loadCheckpoint reports a bad config.json below, with its reason
    }
  }
  const kernels = await kernelsFor(threads).catch(async (e) => {
    await opened.close();
    throw e;
  });
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
      run: loaded.trainer?.run,
      loadSeconds: (performance.now() - started) / 1000,
    };
  } catch (e) {
    kernels.dispose();
    throw e;
  } finally {
    await opened.close();
  }
}
