// A few LoRA steps on the loaded model, in the worker: the text becomes the model's tokens, random
// windows of it are the batches (as in pretraining), adapters of rank r train on every attention
// and MLP matrix while the base stays frozen (a model loaded without training state has no
// gradients of its own: GPT training 'adapters'), and at the end the adapters are merged into the
// weights — the pages then run the tuned model. Each step's loss goes to the page as it happens.
// Not handled: saving the adapters on their own (save the checkpoint: the merged model), resuming.

import { GlassboxError, yieldToEventLoop } from '@glassbox/model';
import { fineTuneTrainer, mergeLoRA } from '@glassbox/model/finetune';
import type { Progress } from '@glassbox/model/run';
import { DEFAULT_TRAIN_CONFIG } from '@glassbox/model/train';
import type { LoraTextOutcome, LoraTextRequest } from '../protocol/explorer';
import { modelInfo, newModelId, requireSession } from './sessions';

export async function loraText(
  r: LoraTextRequest,
  progress: (p: Progress) => void,
): Promise<LoraTextOutcome> {
  const s = requireSession(r.slot);
  if (s.running) throw new GlassboxError('the model is training: pause or stop it first');
  if (!s.model.training)
    throw new GlassboxError('this model was loaded to run only; load it again to fine-tune it');
  const ids = s.tokenizer.encode(r.text);
  const T = Math.min(r.blockSize, s.model.config.blockSize, ids.length - 1);
  if (T < 8)
    throw new GlassboxError(
      `the text is ${ids.length} tokens; give at least a few sentences (9 tokens or more)`,
    );
  const config = {
    ...DEFAULT_TRAIN_CONFIG,
    batchSize: r.batchSize,
    blockSize: T,
    maxSteps: r.steps,
    warmupSteps: 0,
    decaySteps: r.steps,
    lr: 3e-3,
    minLr: 3e-4,
    weightDecay: 0,
    evalInterval: 0,
  };
  s.inference?.dispose(); // the weights are about to change
  s.inference = undefined;
  s.running = true;
  const { trainer, lora } = fineTuneTrainer(s.model, { train: Uint32Array.from(ids) }, config, {
    lora: { rank: r.rank, alpha: 2 * r.rank },
  });
  const losses: number[] = [];
  const times: number[] = [];
  try {
    for (let i = 0; i < r.steps; i++) {
      const rec = trainer.trainStep();
      losses.push(rec.loss);
      times.push(rec.ms);
      progress({ stage: 'lora', done: i + 1, total: r.steps, metrics: { loss: rec.loss, ms: rec.ms } });
      await yieldToEventLoop(); // let other jobs' messages in
    }
  } finally {
    if (lora) mergeLoRA(lora);
    s.model.releaseActivations();
    s.running = false;
  }
  s.modelId = newModelId();
  s.source = `${s.source}, LoRA-tuned (rank ${r.rank}) for ${r.steps} steps on your text`;
  return { losses, msPerStep: times.reduce((a, b) => a + b, 0) / times.length, info: modelInfo(r.slot)! };
}
