// The fine-tuning jobs' handlers, registered in the worker with one line (…finetuneHandlers).

import { chooseData, loadBase, pretrainBase, useTrainPageModel } from './finetune-base';
import { ask, exportTuned, runFinetune, stopFinetune } from './finetune-run';

export const finetuneHandlers = {
  finetunePretrain: pretrainBase,
  finetuneLoad: loadBase,
  finetuneUseTrainPage: useTrainPageModel,
  finetuneData: chooseData,
  finetuneRun: runFinetune,
  finetuneStop: stopFinetune,
  finetuneAsk: ask,
  finetuneExport: exportTuned,
};
