// @glassbox/model/train — pretraining: batches, AdamW, the schedule, the trainer and its loop;
// evaluation over a token stream and the loss figures (perplexity, bits per byte, −ln p).

export { BatchSampler, type TokenArray } from './batches.js';
export { DEFAULT_TRAIN_CONFIG, type TrainConfig, validateTrainConfig } from './config.js';
export { type EvalResult, evaluateTokens } from './evaluate.js';
export { type LoopHooks, type LoopOutcome, runTraining } from './loop.js';
export { bitsPerByte, perplexity, tokenLoss } from './metrics.js';
export { AdamW, type AdamWConfig } from './optimizer.js';
export {
  BETWEEN_CALLS,
  KernelProfiler,
  medianProfile,
  type ProfileRow,
  type StepProfile,
  THREAD_WAITING,
} from './profile.js';
export { learningRate, type ScheduleConfig } from './schedule.js';
export {
  type BatchData,
  type BatchSource,
  type StepRecord,
  type TokenData,
  type Trainable,
  Trainer,
  type TrainerData,
  type TrainerState,
} from './trainer.js';
