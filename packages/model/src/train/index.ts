// Pretraining: batches, AdamW, the schedule, the trainer and its loop.
export { BatchSampler, type TokenArray } from './batches.js';
export { DEFAULT_TRAIN_CONFIG, type TrainConfig, validateTrainConfig } from './config.js';
export { type LoopHooks, type LoopOutcome, runTraining } from './loop.js';
export { AdamW, type AdamWConfig } from './optimizer.js';
export { learningRate, type ScheduleConfig } from './schedule.js';
export { type StepRecord, Trainer, type TrainerData, type TrainerState } from './trainer.js';
