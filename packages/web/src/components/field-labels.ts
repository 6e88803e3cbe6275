// The explorer's names for the library's settings: a GlassboxError that points at a setting
// (`field`, e.g. 'lr') is shown with the label of the control that sets it ("Learning rate:
// must be positive"), as the CLI shows the flag. Every field has a label (the Record is complete,
// so a new field in the library fails the type check until it gets one here).

import type { ErrorField } from '@glassbox/model';

export const FIELD_LABELS: Record<ErrorField, string> = {
  vocabSize: 'Vocabulary size',
  blockSize: 'Block size',
  nLayer: 'Layers',
  nHead: 'Heads',
  nEmbd: 'Width',
  batchSize: 'Batch size',
  gradAccum: 'Gradient accumulation',
  maxSteps: 'Steps',
  lr: 'Learning rate',
  minLr: 'Final learning rate',
  warmupSteps: 'Warm-up steps',
  decaySteps: 'Decay steps',
  beta1: 'β1',
  beta2: 'β2',
  eps: 'ε',
  weightDecay: 'Weight decay',
  gradClip: 'Gradient clipping',
  evalInterval: 'Evaluate every',
  evalBatches: 'Evaluation batches',
  earlyStopPatience: 'Early-stop patience',
  seed: 'Seed',
  modelSeed: 'Model seed',
  valFraction: 'Validation share',
  checkpointInterval: 'Checkpoint every',
  data: 'Data',
  tokenizer: 'Tokenizer',
  threads: 'Threads',
  preset: 'Size',
  tokenizerType: 'Tokenizer',
  minFrequency: 'Minimum frequency',
  rank: 'LoRA rank',
  alpha: 'LoRA alpha',
  loraTargets: 'LoRA layers',
  epochs: 'Epochs',
  textField: 'Text field',
  force: 'Replace existing output',
};

/** A worker job's failure as the page shows it: the setting named by its control's label. */
export class JobError extends Error {
  override readonly name = 'JobError';
  constructor(
    message: string,
    /** The setting at fault, when the library named one (to highlight its control). */
    readonly field?: ErrorField,
  ) {
    super(field ? `${FIELD_LABELS[field]}: ${message}` : message);
  }
}
