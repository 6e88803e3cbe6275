// Training in the worker: start a run (corpus → tokenizer → fresh GPT → Trainer), pause, resume,
// stop, and continue a loaded checkpoint. The loop is the library's runTraining, which yields to
// the event loop every 50 ms, so a pause or stop message is seen between steps. Progress goes
// out as events: every step, every evaluation, and a sample of generated text after each
// evaluation so the learner sees the text improve.

import { GlassboxError } from '@glassbox/model';
import { restoreOptimizer } from '@glassbox/model/checkpoint';
import { GPT, generate } from '@glassbox/model/gpt';
import { etaSeconds, type Progress } from '@glassbox/model/run';
import type { Tokenizer } from '@glassbox/model/tokenizer';
import { DEFAULT_TRAIN_CONFIG, runTraining, Trainer } from '@glassbox/model/train';
import { corpusName, describeCorpus, encodeCorpus, VAL_FRACTION } from './corpus';
import type { ExplorerJobs, Slot, TrainOutcome } from './explorer-protocol';
import {
  builtInCorpus,
  modelInfo,
  newKernels,
  newModelId,
  peekSession,
  releaseSession,
  type Session,
  setSession,
} from './sessions';

type Emit = (p: Progress) => void;

export async function trainStart(
  req: ExplorerJobs['trainStart']['input'],
  emit: Emit,
): Promise<TrainOutcome> {
  if (peekSession(req.slot)?.running) {
    throw new GlassboxError('a run is already training here: pause or stop it before starting another');
  }
  emit({ stage: 'data', done: 0, message: `Preparing ${describeCorpus(req.corpus)}…` });
  const data = await encodeCorpus(req.corpus, req.tokenizer);
  emit({ stage: 'data', done: 1, message: data.description });
  const model = await GPT.create(
    { ...req.model, vocabSize: data.tokenizer.vocabSize },
    { seed: req.modelSeed, kernels: await newKernels() },
  );
  const trainer = new Trainer(model, data, { ...DEFAULT_TRAIN_CONFIG, ...req.train });
  const session: Session = {
    model,
    tokenizer: data.tokenizer,
    modelId: newModelId(),
    source: data.description,
    run: {
      data: corpusName(req.corpus),
      tokenizer: req.tokenizer,
      valFraction: VAL_FRACTION,
      modelSeed: req.modelSeed,
    },
    corpus: req.corpus,
    data,
    trainer,
    control: { pause: false, stop: false },
    running: false,
  };
  setSession(req.slot, session);
  return loop(req.slot, session, emit);
}

export async function trainResume(
  { slot, corpus }: ExplorerJobs['trainResume']['input'],
  emit: Emit,
): Promise<TrainOutcome> {
  const s = peekSession(slot);
  if (!s) throw new GlassboxError('there is no run to continue: start one first');
  if (s.running) throw new GlassboxError('this run is already training');
  if (!s.trainer) {
    if (!s.resume) {
      throw new GlassboxError(
        'this checkpoint has no trainer.json and optimizer.safetensors, so it cannot continue training; start a new run instead',
      );
    }
    const source = builtInCorpus(s.run.data) ?? corpus;
    if (!source) throw new GlassboxError('choose the text this checkpoint should continue training on');
    emit({ stage: 'data', done: 0, message: `Preparing ${describeCorpus(source)}…` });
    const data = await encodeCorpus(source, 'char', s.tokenizer);
    emit({ stage: 'data', done: 1, message: data.description });
    const trainer = new Trainer(s.model, data, s.resume.state.config, s.resume.state);
    restoreOptimizer(trainer.optimizer, s.resume.optimizer, s.resume.state.step);
    Object.assign(s, { trainer, data, corpus: source, resume: undefined });
    if (!builtInCorpus(s.run.data)) s.run = { ...s.run, data: corpusName(source) };
  }
  if (s.trainer!.done)
    throw new GlassboxError(`this run has finished all its ${s.trainer!.config.maxSteps} steps`);
  s.control = { pause: false, stop: false };
  return loop(slot, s, emit);
}

export async function trainControl({ slot, command }: ExplorerJobs['trainControl']['input']): Promise<null> {
  const s = peekSession(slot);
  if (s?.running) s.control[command] = true;
  return null;
}

async function loop(slot: Slot, s: Session, emit: Emit): Promise<TrainOutcome> {
  const trainer = s.trainer!;
  const started = performance.now();
  const startStep = trainer.step;
  const total = trainer.config.maxSteps;
  s.running = true;
  try {
    if (startStep === 0) emitSample(s, emit, 0);
    const outcome = await runTraining(trainer, {
      shouldStop: () => s.control.pause || s.control.stop,
      onStep: (r) => {
        const eta = etaSeconds(started, performance.now(), r.step - startStep, total - startStep);
        emit({
          stage: 'step',
          done: r.step,
          total,
          metrics: {
            loss: r.loss,
            tokensPerSecond: r.tokensPerSecond,
            lr: r.lr,
            ...(eta === undefined ? {} : { eta }),
          },
        });
      },
      onEval: (step, losses) => {
        emit({ stage: 'eval', done: step, total, metrics: { ...losses } as Record<string, number> });
        if (step > 0) emitSample(s, emit, step);
      },
    });
    s.running = false;
    s.inference?.reset(); // the weights changed: cached keys and values are stale
    const kind = outcome === 'stopped' ? (s.control.stop ? 'stopped' : 'paused') : outcome;
    return { outcome: kind, info: modelInfo(slot)! };
  } finally {
    s.running = false;
    releaseSession(slot, s); // replaced while training: its threads can go now
  }
}

/** A short continuation from the model as it is now (same prompt and seed every time). */
function emitSample(s: Session, emit: Emit, step: number): void {
  const text = sampleText(s.model, s.tokenizer, s.data?.train[0] ?? 0);
  emit({ stage: 'sample', done: step, message: text });
}

export function sampleText(model: GPT, tokenizer: Tokenizer, fallback: number): string {
  let prompt: number[] = [];
  try {
    prompt = tokenizer.encode('\n');
  } catch {
    // no newline in this vocabulary
  }
  if (prompt.length === 0) prompt = [fallback];
  const maxTokens = tokenizer.kind === 'char' ? 160 : 40;
  // generate() frees its own KV cache when it finishes.
  const ids = [...generate(model, prompt, { maxTokens, seed: 1, temperature: 0.8, topK: 40 })].map(
    (g) => g.id,
  );
  return tokenizer.decode(ids);
}
