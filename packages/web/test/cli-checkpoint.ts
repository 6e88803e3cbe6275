// A checkpoint folder exactly as `glassbox train --out DIR` leaves it in DIR/checkpoint: the
// same run-layer calls the CLI makes (a char tokenizer over the text, encodeForTraining,
// startPretraining, a few steps, pretrainingCheckpoint with the run record, writeCheckpointDir),
// on a tiny model so it takes milliseconds. Also a variant whose tokenizer disagrees with the model.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CheckpointFiles } from '@glassbox/model/checkpoint';
import { writeCheckpointDir } from '@glassbox/model/node';
import { contentHash, encodeForTraining, pretrainingCheckpoint, startPretraining } from '@glassbox/model/run';
import { trainChar } from '@glassbox/model/tokenizer';
import { DEFAULT_TRAIN_CONFIG } from '@glassbox/model/train';

export const CLI_TEXT =
  'It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness. '.repeat(
    20,
  );

export interface CliRun {
  dir: string;
  checkpoint: string;
  files: CheckpointFiles;
  vocabSize: number;
}

export async function writeCliCheckpoint(steps = 3): Promise<CliRun> {
  const dir = mkdtempSync(join(tmpdir(), 'glassbox-cli-run-'));
  const dataPath = join(dir, 'tale.txt');
  writeFileSync(dataPath, CLI_TEXT);
  const tokenizer = trainChar({ texts: [CLI_TEXT] });
  const tokens = encodeForTraining(CLI_TEXT, tokenizer, 0.1, dataPath);
  const run = await startPretraining({
    tokens,
    model: { blockSize: 16, nLayer: 1, nHead: 2, nEmbd: 16 },
    train: { ...DEFAULT_TRAIN_CONFIG, batchSize: 4, maxSteps: 50, evalInterval: 0 },
    record: {
      corpus: { kind: 'file', path: dataPath, sha256: contentHash(CLI_TEXT) },
      tokenizer: 'char',
      valFraction: 0.1,
      checkpointInterval: 500,
      modelSeed: 1337,
    },
  });
  for (let i = 0; i < steps; i++) run.trainer.trainStep();
  const files = pretrainingCheckpoint(run);
  const checkpoint = join(dir, 'checkpoint');
  await writeCheckpointDir(checkpoint, files);
  return { dir, checkpoint, files, vocabSize: tokenizer.vocabSize };
}

/** The same checkpoint with a tokenizer from another run: more tokens than the model's vocab_size. */
export function mismatchedTokenizer(run: CliRun): CheckpointFiles {
  const other = trainChar({ texts: [`${CLI_TEXT}ZQXJK0123456789!?`] });
  return { ...run.files, 'tokenizer.json': new TextEncoder().encode(JSON.stringify(other.toJSON())) };
}
