// The bench's PyTorch peer kept up between requests (PythonServer): it answers line by line, and a
// peer that dies is said once and answers nothing after, without throwing.

import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PYTHON, PythonServer } from '../src/bench/python-peers.js';

const hasTorch = spawnSync(PYTHON, ['-c', 'import torch']).status === 0;
// 1 layer, 1 head, 16 wide, block 8, vocabulary 65, batch 2, 1 thread, 1 warm-up step.
const TINY = [1, 1, 16, 8, 65, 2, 1, 1];

describe('PythonServer', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers each request, then says once that a dead peer stopped answering', async () => {
    const said: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => {
      said.push(String(s));
      return true;
    });
    const server = await PythonServer.start('train_torch.py', TINY, { threads: 1 });
    if (!hasTorch) {
      // Without PyTorch the script fails at its import: no server, and the reason on stderr.
      expect(server).toBeUndefined();
      expect(said.join('')).toMatch(/train_torch\.py stopped answering: .*torch/s);
      return;
    }
    expect(server).toBeDefined();
    const first = await server!.request<{ msPerStep: number[] }>('3');
    expect(first!.msPerStep).toHaveLength(3);
    for (const ms of first!.msPerStep) expect(ms).toBeGreaterThan(0);
    // A line that is not a count kills it (Python's ValueError): said once, with its reason.
    expect(await server!.request('oops')).toBeUndefined();
    expect(await server!.request('1')).toBeUndefined();
    const stops = said.filter((s) => s.includes('stopped answering'));
    expect(stops).toHaveLength(1);
    expect(stops[0]).toMatch(/ValueError/);
    server!.close();
  });
});
