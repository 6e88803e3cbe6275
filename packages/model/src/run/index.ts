// @glassbox/model/run — runs as the front ends see them, written once: run records (what
// trainer.json keeps to continue a run), typed training events and metrics.jsonl, the recipes,
// from text to training tokens, starting and continuing a pretraining run, samples for the logs,
// and figures formatted for people. The CLI and the explorer keep only flags and widgets.

export { etaSeconds, type Progress, type ProgressFn } from '../util/progress.js';
export {
  BUILT_TOKENIZER_SPEC,
  contentHash,
  encodeForTraining,
  TOUR_BPE_VOCAB_SIZE,
  type TrainingTokens,
  tokenizerForSpec,
  tourBpe,
  tourCorpusText,
  toyCorpusText,
} from './corpus.js';
export {
  type TrainingEvent,
  type TrainOutcome,
  type TrainWithEventsOptions,
  trainWithEvents,
} from './events.js';
export { formatDuration } from './format.js';
export { type MetricsRecord, metricsRecord, metricsThrough, parseMetrics } from './metrics.js';
export {
  checkCorpus,
  type Pretraining,
  type PretrainOptions,
  pretrainingCheckpoint,
  pretrainRecordOf,
  resumePretraining,
  startPretraining,
} from './pretrain.js';
export { isRecipeName, RECIPES, type Recipe, type RecipeName, recipeWithSteps } from './recipes.js';
export {
  type BuiltInCorpus,
  type CorpusRef,
  describeCorpus,
  FINETUNE_DEFAULTS,
  type FineTuneRecord,
  type FineTuneSettings,
  isBuiltInCorpus,
  type PretrainRecord,
  parseRunRecord,
  type RunRecord,
} from './record.js';
export { type SampleOptions, sampleText } from './sample.js';
