// GlassboxError: a problem with the user's input (a file, a setting, a checkpoint) rather than a
// bug. Its message says what was wrong, where, and what to do, in the library's own words: it
// names files and settings (by their library names, e.g. `valFraction`), never a command-line
// flag or a page's control. `field` carries the setting at fault so that each front end can name
// it its own way (the CLI as --val-fraction, the explorer as the control's label). Anything else
// that escapes is a bug and keeps its stack.

/** The settings an error can point at, by their library names. */
export type ErrorField =
  // model shape (GPTConfig)
  | 'vocabSize'
  | 'blockSize'
  | 'nLayer'
  | 'nHead'
  | 'nEmbd'
  // training (TrainConfig) and runs
  | 'batchSize'
  | 'gradAccum'
  | 'maxSteps'
  | 'lr'
  | 'minLr'
  | 'warmupSteps'
  | 'decaySteps'
  | 'beta1'
  | 'beta2'
  | 'eps'
  | 'weightDecay'
  | 'gradClip'
  | 'evalInterval'
  | 'evalBatches'
  | 'earlyStopPatience'
  | 'seed'
  | 'modelSeed'
  | 'valFraction'
  | 'checkpointInterval'
  | 'data'
  | 'tokenizer'
  | 'threads'
  | 'preset'
  // tokenizers
  | 'tokenizerType'
  | 'minFrequency'
  // fine-tuning
  | 'rank'
  | 'alpha'
  | 'loraTargets'
  | 'epochs'
  // data
  | 'textField'
  | 'force';

export interface ErrorPlace {
  /** Where the problem is: a file path, a line, a tensor. */
  where?: string;
  /** The setting at fault. */
  field?: ErrorField;
}

export class GlassboxError extends Error {
  override readonly name = 'GlassboxError';
  readonly where?: string;
  readonly field?: ErrorField;
  /** The message without the place prefix, for front ends that name the place their own way. */
  readonly detail: string;

  /** `place` is where the problem is (a path) or { where, field }. */
  constructor(message: string, place?: string | ErrorPlace) {
    const { where, field } = typeof place === 'string' ? { where: place, field: undefined } : (place ?? {});
    const prefix = where ?? field;
    super(prefix ? `${prefix}: ${message}` : message);
    this.where = where;
    this.field = field;
    this.detail = message;
  }
}

export function isGlassboxError(e: unknown): e is GlassboxError {
  return e instanceof Error && e.name === 'GlassboxError';
}

/**
 * Training whose loss, gradient or weights stopped being finite numbers (too high a learning rate,
 * most often). Thrown before anything non-finite is saved, so the last good checkpoint stands.
 */
export class TrainingDiverged extends GlassboxError {
  readonly diverged = true;
  /** The step that went wrong (1-based, as the progress shows it). */
  readonly step: number;

  constructor(step: number, what: string) {
    super(
      `training diverged at step ${step}: ${what}; nothing after the last good checkpoint was saved. Try a smaller learning rate, a longer warm-up or gradient clipping`,
      { field: 'lr' },
    );
    this.step = step;
  }
}

export function isTrainingDiverged(e: unknown): e is TrainingDiverged {
  return isGlassboxError(e) && (e as Partial<TrainingDiverged>).diverged === true;
}
