// Training in the worker: start a run (corpus → tokenizer → fresh GPT → Trainer, all by the
// library's run layer, as the CLI does), pause, resume, stop, and continue a loaded checkpoint.
// The loop is the library's trainWithEvents, which yields to the event loop every 50 ms, so a
// pause or stop message is seen between steps; its typed events go to the page as they come,
// with a sample of generated text after each evaluation so the learner sees the text improve.

import { GlassboxError } from '@glassbox/model';
import {
  checkCorpus,
  describeCorpus,
  type PretrainRecord,
  resumePretraining,
  sampleText,
  startPretraining,
  trainWithEvents,
} from '@glassbox/model/run';
import { DEFAULT_TRAIN_CONFIG } from '@glassbox/model/train';
import type { ExplorerJobs, RunEvent, Slot, TrainOutcome } from '../protocol/explorer';
import { corpusRef, encodeCorpus, TOKENIZER_SPECS, VAL_FRACTION } from './corpus';
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

type Emit = (e: RunEvent) => void;

export async function trainStart(
  req: ExplorerJobs['trainStart']['input'],
  emit: Emit,
): Promise<TrainOutcome> {
  if (peekSession(req.slot)?.running) {
    throw new GlassboxError('a run is already training here: pause or stop it before starting another');
  }
  const ref = corpusRef(req.corpus);
  emit({ kind: 'data', ready: false, message: `Preparing ${describeCorpus(ref)}…` });
  const data = await encodeCorpus(req.corpus, req.tokenizer);
  emit({ kind: 'data', ready: true, message: data.description });
  const run = await startPretraining({
    tokens: data,
    model: req.model,
    train: { ...DEFAULT_TRAIN_CONFIG, ...req.train },
    kernels: await newKernels(),
    record: {
      corpus: ref,
      tokenizer: TOKENIZER_SPECS[req.tokenizer],
      valFraction: VAL_FRACTION,
      checkpointInterval: 0,
      modelSeed: req.modelSeed,
    },
  });
  const session: Session = {
    model: run.model,
    tokenizer: run.tokenizer,
    modelId: newModelId(),
    source: data.description,
    record: run.record,
    corpus: req.corpus,
    data,
    trainer: run.trainer,
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
    if (!s.resume || !s.record) {
      throw new GlassboxError(
        'this checkpoint has no trainer.json and optimizer.safetensors, so it cannot continue training; start a new run instead',
      );
    }
    const record: PretrainRecord = s.record;
    const source = builtInCorpus(record.corpus) ?? corpus;
    if (!source) throw new GlassboxError('choose the text this checkpoint should continue training on');
    const ref = corpusRef(source);
    checkCorpus(record.corpus, ref);
    emit({ kind: 'data', ready: false, message: `Preparing ${describeCorpus(ref)}…` });
    const data = await encodeCorpus(source, 'char', s.tokenizer);
    emit({ kind: 'data', ready: true, message: data.description });
    const run = resumePretraining(s.resume, data);
    Object.assign(s, { trainer: run.trainer, data, corpus: source, resume: undefined });
    // A dropped text keeps the hash the run trained on but takes the name it has now.
    if (ref.kind === 'file') s.record = { ...record, corpus: ref };
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
  s.running = true;
  try {
    const { outcome } = await trainWithEvents(trainer, {
      shouldStop: () => s.control.pause || s.control.stop,
      onEvent: emit,
      profile: true, // the Train page's bar of where each step's time goes
      sample: () =>
        sampleText(s.model, s.tokenizer, {
          fallback: s.data?.train[0] ?? 0,
          maxTokens: s.tokenizer.kind === 'char' ? 160 : 40,
          includePrompt: false,
        }),
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
