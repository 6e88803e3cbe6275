// The fine-tuning jobs' handlers, registered in the worker with one line (…finetuneHandlers).

import { chooseData, loadBase, pretrainBase, useTrainPageModel } from './jobs-base';
import { ask, exportTuned, runFinetune, stopFinetune } from './jobs-run';

export const finetuneHandlers = {
  'finetune-pretrain': pretrainBase,
  'finetune-load': loadBase,
  'finetune-use-train-page': useTrainPageModel,
  'finetune-data': chooseData,
  'finetune-run': runFinetune,
  'finetune-stop': stopFinetune,
  'finetune-ask': ask,
  'finetune-export': exportTuned,
};
