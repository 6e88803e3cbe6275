// The explorer's job handlers, registered in glassbox.worker.ts with one spread. Each takes the
// job's input and an event callback and resolves to its output (see explorer-protocol.ts).

import type { JobEvent } from '../protocol';
import type { ExplorerJobs } from '../protocol/explorer';
import { checkpointLoad, checkpointSave } from './checkpoint';
import { inspect } from './inside';
import { evaluateText, nextToken, tokenize, validationSentences, vocabulary } from './inspect';
import { loraText } from './lora';
import { modelInfo } from './sessions';
import { trainControl, trainResume, trainStart } from './train';

export const explorerHandlers: {
  [K in keyof ExplorerJobs]: (
    input: ExplorerJobs[K]['input'],
    emit: (e: JobEvent<K>) => void,
  ) => Promise<ExplorerJobs[K]['output']>;
} = {
  trainStart,
  trainResume,
  trainControl,
  modelInfo: async ({ slot }) => modelInfo(slot),
  vocabulary,
  checkpointSave,
  checkpointLoad,
  nextToken,
  evaluateText,
  validationSentences,
  inspect,
  tokenize,
  loraText,
};
