// yieldToEventLoop: the training loop's pause for stop requests and worker messages must let tasks
// that were already waiting run, on both paths (Node's setImmediate; a MessageChannel elsewhere).

import { afterEach, describe, expect, it } from 'vitest';
import { yieldToEventLoop } from '../src/index.js';

const host = globalThis as { setImmediate?: unknown };
const nodeImmediate = host.setImmediate;

describe('yieldToEventLoop', () => {
  afterEach(() => {
    host.setImmediate = nodeImmediate;
  });

  it('lets an I/O-phase task queued before it run first (setImmediate)', async () => {
    const seen: string[] = [];
    setImmediate(() => seen.push('task'));
    await yieldToEventLoop();
    seen.push('after');
    expect(seen).toEqual(['task', 'after']);
  });

  it('without setImmediate, lets a message posted before it be handled first', async () => {
    host.setImmediate = undefined;
    const seen: string[] = [];
    const other = new MessageChannel();
    const handled = new Promise<void>((resolve) => {
      other.port1.onmessage = () => {
        seen.push('message');
        resolve();
      };
    });
    other.port2.postMessage('stop');
    await yieldToEventLoop();
    seen.push('after');
    await handled;
    other.port1.close();
    expect(seen).toEqual(['message', 'after']);
  });

  it('resolves every one of several yields waiting at once, in order', async () => {
    host.setImmediate = undefined;
    const order: number[] = [];
    await Promise.all([0, 1, 2].map((i) => yieldToEventLoop().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2]);
  });
});
