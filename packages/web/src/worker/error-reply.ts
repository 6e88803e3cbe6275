// A job's failure on its way from the worker to the page: errorReply turns what a handler threw
// into the protocol's error message (a GlassboxError about a setting keeps its field and the
// message without the setting's name), and jobError turns that message back into the JobError
// the page shows, the setting named by its control's label.

import { isGlassboxError } from '@glassbox/model';
import { JobError } from '../components/field-labels';
import type { Reply } from './protocol';

type ErrorReply = Extract<Reply, { kind: 'error' }>;

export function errorReply(id: number, e: unknown): ErrorReply {
  const setting = isGlassboxError(e) && e.field && !e.where ? { field: e.field, detail: e.detail } : {};
  return {
    id,
    kind: 'error',
    message: e instanceof Error ? e.message : String(e),
    userError: isGlassboxError(e),
    ...setting,
  };
}

export function jobError(reply: ErrorReply): JobError {
  return reply.field ? new JobError(reply.detail ?? reply.message, reply.field) : new JobError(reply.message);
}
