// The worker: runs every heavy job (kernels, training, projection) off the UI thread, through the
// same model package and wasm core the CLI uses.

import { selfCheck } from '@glassbox/core-wasm';
import { errorReply } from './error-reply';
import { dataHandlers } from './jobs/data';
import { embeddingHandlers } from './jobs/embeddings';
import { explorerHandlers } from './jobs/explorer';
import { finetuneHandlers } from './jobs/finetune';
import { tokenHandlers } from './jobs/tokens';
import { tourHandlers } from './jobs/tour';
import type { JobEvent, JobName, Jobs, Reply, Request } from './protocol';

type Handler<K extends JobName> = (
  input: Jobs[K]['input'],
  emit: (e: JobEvent<K>) => void,
) => Promise<Jobs[K]['output']>;

const handlers: { [K in JobName]: Handler<K> } = {
  selfcheck: ({ seed }) => selfCheck(seed),
  ...dataHandlers,
  ...tokenHandlers,
  ...embeddingHandlers,
  ...explorerHandlers,
  ...finetuneHandlers,
  ...tourHandlers,
};

const post = (reply: Reply) => (self as unknown as Worker).postMessage(reply);

self.onmessage = async (event: MessageEvent<Request>) => {
  const { id, job, input } = event.data;
  try {
    const handler = handlers[job] as Handler<typeof job>;
    const output = await handler(input, (event) => post({ id, kind: 'event', event }));
    post({ id, kind: 'result', output });
  } catch (e) {
    post(errorReply(id, e));
  }
};
