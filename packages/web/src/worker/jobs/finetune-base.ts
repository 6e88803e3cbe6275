// Worker side of the Fine-tune page, part one: the base model (pretrained here on the Brown corpus
// at character level, or loaded from checkpoint files) and the instructions (the built-in set or a
// dropped JSONL file). What they produce stays in the worker's fine-tuning state for the run.

import { GlassboxError } from '@glassbox/model';
import { loadCheckpoint } from '@glassbox/model/checkpoint';
import { fetchBrownCorpus, joinDocuments } from '@glassbox/model/data';
import {
  builtinInstructions,
  type Conversation,
  parseConversations,
  splitExamples,
  withAddedTokens,
} from '@glassbox/model/finetune';
import { GPT } from '@glassbox/model/gpt';
import type { ProgressFn } from '@glassbox/model/run';
import { trainChar } from '@glassbox/model/tokenizer';
import { DEFAULT_TRAIN_CONFIG, runTraining, Trainer } from '@glassbox/model/train';
import type { BaseInfo, DataInfo, FinetuneJobs, PretrainInput } from '../protocol/finetune';
import { setBase, setTuned, state, trainingKernels } from './finetune-state';
import { peekSession } from './sessions';

let brown: Promise<string> | undefined;
const brownText = () => {
  brown ??= fetchBrownCorpus().then((docs) => joinDocuments(docs));
  return brown;
};

/** Pretrains a small GPT on the Brown corpus, character level: the base model to fine-tune. */
export async function pretrainBase(input: PretrainInput, progress: ProgressFn): Promise<BaseInfo> {
  progress({ stage: 'pretrain', done: 0, total: input.steps, message: 'reading the Brown corpus…' });
  const text = await brownText();
  const tokenizer = trainChar({ texts: [text] });
  const ids = Uint16Array.from(tokenizer.encode(text));
  const cut = Math.round(ids.length * 0.9);
  const { steps, batchSize, seed, ...shape } = input;
  const model = await GPT.create(
    { ...shape, vocabSize: tokenizer.vocabSize },
    { seed, kernels: await trainingKernels() },
  );
  const trainer = new Trainer(
    model,
    { train: ids.subarray(0, cut), val: ids.subarray(cut) },
    {
      ...DEFAULT_TRAIN_CONFIG,
      batchSize,
      maxSteps: steps,
      decaySteps: steps,
      warmupSteps: Math.min(100, Math.floor(steps / 10)),
      evalInterval: Math.max(1, Math.round(steps / 4)),
      evalBatches: 4,
      seed,
    },
  );
  state.stop = false;
  let val: number | undefined;
  await runTraining(trainer, {
    evalAtStart: false,
    shouldStop: () => state.stop,
    onStep: (r) => progress({ stage: 'pretrain', done: r.step, total: steps, metrics: { loss: r.loss } }),
    onEval: (_, l) => {
      val = l.val;
    },
  });
  const source = `pretrained here on the Brown corpus: ${trainer.step} steps`;
  setBase({ model, tokenizer, source, valLoss: val });
  return { config: model.config, tokenizer: tokenizer.kind, source, valLoss: val };
}

/** A base model from checkpoint files (config.json, model.safetensors, tokenizer.json). */
export async function loadBase({ files }: FinetuneJobs['finetuneLoad']['input']): Promise<BaseInfo> {
  const loaded = await loadCheckpoint(files, {
    where: 'the dropped checkpoint',
    kernels: await trainingKernels(),
  });
  if (!loaded.tokenizer)
    throw new GlassboxError('the checkpoint needs its tokenizer.json too (drop all three files together)');
  const val = loaded.trainer?.history.filter((h) => h.valLoss !== undefined).at(-1)?.valLoss;
  const source = `loaded from ${Object.keys(files).sort().join(', ')}`;
  setBase({ model: loaded.model, tokenizer: loaded.tokenizer, source, valLoss: val });
  return { config: loaded.config, tokenizer: loaded.tokenizer.kind, source, valLoss: val };
}

/** The Train page's model as the base: a copy, so that training it further there changes nothing here. */
export async function useTrainPageModel(): Promise<BaseInfo> {
  const session = peekSession('main');
  if (!session)
    throw new GlassboxError('there is no model on the Train page yet: train one there, or pretrain one here');
  const model = await withAddedTokens(session.model, [], await trainingKernels());
  const val = session.trainer?.history.filter((h) => h.valLoss !== undefined).at(-1)?.valLoss;
  const step = session.trainer?.step ?? session.resume?.trainer?.step ?? 0;
  const source = `the Train page's model (${session.source}), ${step} steps`;
  setBase({ model, tokenizer: session.tokenizer, source, valLoss: val });
  return { config: model.config, tokenizer: session.tokenizer.kind, source, valLoss: val };
}

const pairOf = (c: Conversation) => ({
  prompt: c.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '',
  response: c.messages.filter((m) => m.role === 'assistant').at(-1)?.content ?? '',
});

/** The instructions: the built-in set (its test part held out) or a JSONL file (a tenth held out). */
export async function chooseData(input: FinetuneJobs['finetuneData']['input']): Promise<DataInfo> {
  let train: Conversation[];
  let heldOut: Conversation[];
  let name: string;
  if (input.source === 'builtin') {
    ({ train, test: heldOut } = builtinInstructions(await brownText()));
    name = 'the built-in instruction set';
  } else {
    const all = parseConversations(input.text, input.name);
    if (all.length < 2)
      throw new GlassboxError('needs at least two conversations (one is held out)', input.name);
    ({ train, val: heldOut } = splitExamples(all, 0.1, 1));
    name = input.name;
  }
  state.data = { train, heldOut, builtin: input.source === 'builtin' };
  setTuned(undefined);
  return {
    name,
    train: train.length,
    heldOut: heldOut.length,
    preview: train.slice(0, 4).map(pairOf),
    heldOutPrompts: heldOut.slice(0, 6).map((c) => pairOf(c).prompt),
  };
}
