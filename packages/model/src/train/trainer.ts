// The pretraining loop: sample a batch, forward, backward (accumulating micro-batches), clip,
// AdamW at the scheduled learning rate; evaluate now and then; report progress. Its state (step,
// sampler position, history, best validation loss) is plain JSON, and together with the weights
// and the optimizer moments it resumes a run bit for bit. Fine-tuning runs the same loop with its
// own batch source (examples with masked targets) and, for LoRA, its own trainable block.

import type { GPT } from '../gpt/model.js';
import { firstNonFinite, type ParamBlock } from '../gpt/params.js';
import { checkModelSize } from '../gpt/size.js';
import type { RunRecord } from '../run/record.js';
import { GlassboxError, TrainingDiverged } from '../util/errors.js';
import type { RandomState } from '../util/random.js';
import { BatchSampler, type TokenArray } from './batches.js';
import { type TrainConfig, validateTrainConfig } from './config.js';
import { AdamW } from './optimizer.js';
import { learningRate } from './schedule.js';

export interface StepRecord {
  step: number;
  loss: number;
  lr: number;
  gradNorm: number;
  tokensPerSecond: number;
  ms: number;
  valLoss?: number;
  trainEvalLoss?: number;
}

export interface TrainerState {
  step: number;
  /** The batch source's position: BatchSampler's generator state, or what a custom source saves. */
  samplerState: unknown;
  history: StepRecord[];
  bestValLoss: number | null;
  evalsWithoutImprovement: number;
  config: TrainConfig;
  /** Where the run's data came from and how to continue it (see run/record.ts). */
  run?: RunRecord;
}

/** Token arrays, sampled as random windows (nanoGPT's way), or a source of ready batches. */
export type TrainerData = TokenData | BatchData;

export interface TokenData {
  train: TokenArray;
  val?: TokenArray;
}

/** Where training batches come from (BatchSampler is one). */
export interface BatchSource {
  /** Fills tokens and targets (room for B·blockSize ids each) with the next batch; returns its T. */
  next(tokens: Int32Array, targets: Int32Array): number;
  /** JSON that, given back to whoever builds the source, continues the same batch sequence. */
  state(): unknown;
}

/** Ready batches (e.g. fine-tuning examples with masked targets) and their own loss measure. */
export interface BatchData {
  batches: BatchSource;
  /** The loss on a split, measured the same way every time; undefined when there is no such split. */
  evaluate(model: GPT, split: 'train' | 'val'): number | undefined;
}

/** What AdamW updates (default: every parameter of the model); LoRA passes its adapter block. */
export interface Trainable {
  params: ParamBlock;
  grads: ParamBlock;
}

export class Trainer {
  readonly optimizer: AdamW;
  /** Whether every trainable gradient is zero now (the last update cleared them). */
  private gradsZero = false;
  /** Tokens per training window (config.blockSize, else the model's block size). */
  readonly T: number;
  readonly config: TrainConfig;
  step = 0;
  history: StepRecord[] = [];
  bestValLoss: number | null = null;
  evalsWithoutImprovement = 0;
  private sampler: BatchSource;
  private tokens = new Int32Array(0);
  private targets = new Int32Array(0);

  constructor(
    readonly model: GPT,
    readonly data: TrainerData,
    config: TrainConfig,
    resume?: TrainerState,
    private readonly trainable: Trainable = model,
  ) {
    this.config = validateTrainConfig({ ...config });
    const T = this.config.blockSize ?? model.config.blockSize;
    if (T > model.config.blockSize) {
      throw new GlassboxError(
        `blockSize ${T} is longer than the model's context of ${model.config.blockSize} tokens`,
        {
          field: 'blockSize',
        },
      );
    }
    this.T = T;
    // The optimizer's moments and a batch's activations, checked before they are allocated.
    checkModelSize(model.config, {
      training: trainable === model,
      optimizer: trainable === model,
      batch: { B: this.config.batchSize, T },
      shared: model.kernels.threads > 1,
    });
    this.optimizer = new AdamW(model.kernels, trainable.params, trainable.grads, this.config);
    if ('batches' in data) this.sampler = data.batches;
    else {
      const state = (resume?.samplerState as RandomState | undefined) ?? this.config.seed;
      this.sampler = new BatchSampler(data.train, this.config.batchSize, T, state);
      if (data.val) new BatchSampler(data.val, 1, T, 0, 'validation data'); // fail early if too short
    }
    if (resume) {
      this.step = resume.step;
      this.history = resume.history;
      this.bestValLoss = resume.bestValLoss;
      this.evalsWithoutImprovement = resume.evalsWithoutImprovement;
      this.optimizer.step = resume.step;
    }
  }

  get done(): boolean {
    return this.step >= this.config.maxSteps || this.stoppedEarly;
  }

  get stoppedEarly(): boolean {
    const p = this.config.earlyStopPatience;
    return p > 0 && this.evalsWithoutImprovement >= p;
  }

  /** One optimizer step (gradAccum micro-batches). */
  trainStep(): StepRecord {
    const { model, config } = this;
    const B = config.batchSize;
    const started = performance.now();
    // The batch buffers are the trainer's, reused step after step (no allocation inside a step).
    if (this.tokens.length !== B * this.T) {
      this.tokens = new Int32Array(B * this.T);
      this.targets = new Int32Array(B * this.T);
    }
    const { tokens, targets } = this;
    // The optimizer's update leaves the gradients it applied zero; zero them here only when no
    // update completed since the last backward (the first step, or after an update that threw).
    if (!this.gradsZero) model.zeroGrad();
    this.gradsZero = false;
    let loss = 0;
    let seen = 0;
    for (let micro = 0; micro < config.gradAccum; micro++) {
      const T = this.sampler.next(tokens, targets);
      loss += model.forward({ tokens, targets, B, T })! / config.gradAccum;
      model.backward(1 / config.gradAccum);
      seen += B * T;
    }
    // A loss or gradient that is not a finite number poisons every later step: stop here.
    if (!Number.isFinite(loss)) throw new TrainingDiverged(this.step + 1, `the loss is ${loss}`);
    const lr = learningRate(this.step, config);
    const gradNorm = this.optimizer.update(lr);
    this.gradsZero = true;
    if (!Number.isFinite(gradNorm))
      throw new TrainingDiverged(this.step + 1, `the gradient norm is ${gradNorm}`);
    const ms = performance.now() - started;
    this.step++;
    const record: StepRecord = {
      step: this.step,
      loss,
      lr,
      gradNorm,
      ms,
      tokensPerSecond: (seen * 1000) / ms,
    };
    this.history.push(record);
    return record;
  }

  /** Throws TrainingDiverged if a trained weight is NaN or infinite (checked before every save). */
  assertFinite(): void {
    const bad = firstNonFinite(this.trainable.params);
    if (bad) throw new TrainingDiverged(this.step, `weight ${bad.name} holds ${bad.value}`);
  }

  /** Whether the step just taken is an evaluation point. */
  shouldEvaluate(): boolean {
    const { evalInterval, maxSteps } = this.config;
    return (evalInterval > 0 && this.step % evalInterval === 0) || this.step === maxSteps;
  }

  /**
   * Mean loss over evalBatches random batches of a split, drawn with a fixed seed so every
   * evaluation sees the same batches (and evaluating never disturbs the training sampler).
   */
  evaluate(split: 'train' | 'val'): number | undefined {
    if ('batches' in this.data) return this.data.evaluate(this.model, split);
    const data = split === 'train' ? this.data.train : this.data.val;
    if (!data) return undefined;
    const { batchSize: B, evalBatches, seed } = this.config;
    const T = this.T;
    const sampler = new BatchSampler(data, B, T, seed + (split === 'train' ? 1 : 2));
    const tokens = new Int32Array(B * T);
    const targets = new Int32Array(B * T);
    let total = 0;
    for (let i = 0; i < evalBatches; i++) {
      sampler.next(tokens, targets);
      total += this.model.forward({ tokens, targets, B, T })!;
    }
    return total / evalBatches;
  }

  /** Evaluates both splits, records them on the last history entry, updates early stopping. */
  evaluateAndRecord(): { train?: number; val?: number } {
    const train = this.evaluate('train');
    const val = this.evaluate('val');
    const last = this.history[this.history.length - 1];
    if (last) {
      last.trainEvalLoss = train;
      last.valLoss = val;
    }
    if (val !== undefined) {
      if (this.bestValLoss === null || val < this.bestValLoss) {
        this.bestValLoss = val;
        this.evalsWithoutImprovement = 0;
      } else {
        this.evalsWithoutImprovement++;
      }
    }
    return { train, val };
  }

  state(): TrainerState {
    return {
      step: this.step,
      samplerState: this.sampler.state(),
      history: this.history,
      bestValLoss: this.bestValLoss,
      evalsWithoutImprovement: this.evalsWithoutImprovement,
      config: this.config,
    };
  }
}
