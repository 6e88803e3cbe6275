// A checkpoint folder exactly as `glassbox train --out DIR` leaves it in DIR/checkpoint: the
// same library calls the CLI makes (a char tokenizer over the text, GPT.create, a few Trainer
// steps, saveCheckpoint with the run settings in trainer.json, writeCheckpointDir), on a tiny
// model so it takes milliseconds. Also a variant whose tokenizer disagrees with the model.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CheckpointFiles, saveCheckpoint } from '@glassbox/model/checkpoint';
import { GPT } from '@glassbox/model/gpt';
import { writeCheckpointDir } from '@glassbox/model/node';
import { trainChar } from '@glassbox/model/tokenizer';
import { DEFAULT_TRAIN_CONFIG, Trainer } from '@glassbox/model/train';

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
  const ids = Uint16Array.from(tokenizer.encode(CLI_TEXT));
  const cut = Math.round(ids.length * 0.9);
  const model = await GPT.create({
    vocabSize: tokenizer.vocabSize,
    blockSize: 16,
    nLayer: 1,
    nHead: 2,
    nEmbd: 16,
  });
  const config = { ...DEFAULT_TRAIN_CONFIG, batchSize: 4, maxSteps: 50, evalInterval: 0 };
  const trainer = new Trainer(model, { train: ids.subarray(0, cut), val: ids.subarray(cut) }, config);
  for (let i = 0; i < steps; i++) trainer.trainStep();
  const run = {
    data: dataPath,
    tokenizer: 'char',
    valFraction: 0.1,
    checkpointInterval: 500,
    modelSeed: 1337,
  };
  const files = saveCheckpoint({
    model,
    tokenizer,
    optimizer: trainer.optimizer,
    trainer: { ...trainer.state(), run },
  });
  const checkpoint = join(dir, 'checkpoint');
  await writeCheckpointDir(checkpoint, files);
  return { dir, checkpoint, files, vocabSize: tokenizer.vocabSize };
}

/** The same checkpoint with a tokenizer from another run: more tokens than the model's vocab_size. */
export function mismatchedTokenizer(run: CliRun): CheckpointFiles {
  const other = trainChar({ texts: [`${CLI_TEXT}ZQXJK0123456789!?`] });
  return { ...run.files, 'tokenizer.json': new TextEncoder().encode(JSON.stringify(other.toJSON())) };
}
