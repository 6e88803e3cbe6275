// The arena: aligned, zeroed, never offset 0, views survive growth, mark/release reuse space.

import { describe, expect, it } from 'vitest';
import { IMPLS, kernels } from './helpers.js';

describe.each(IMPLS)('arena (%s)', (impl) => {
  it('hands out 16-byte aligned, zeroed, non-null tensors', async () => {
    const k = await kernels(impl);
    const a = k.arena.alloc([3]);
    const b = k.arena.alloc([5, 2]);
    expect(a.ptr).toBeGreaterThan(0);
    expect(a.ptr % 16).toBe(0);
    expect(b.ptr % 16).toBe(0);
    expect(b.ptr).toBeGreaterThanOrEqual(a.ptr + 12);
    expect([...b.data]).toEqual(new Array(10).fill(0));
  });

  it('keeps tensor views valid after the memory grows', async () => {
    const k = await kernels(impl);
    const a = k.arena.alloc([4]);
    a.data.set([1, 2, 3, 4]);
    const before = k.arena.memory.buffer.byteLength;
    k.arena.alloc([8 * 1024 * 1024]); // 32 MiB forces growth
    expect(k.arena.memory.buffer.byteLength).toBeGreaterThan(before);
    expect([...a.data]).toEqual([1, 2, 3, 4]);
  });

  it('reuses space after release, zeroing it again', async () => {
    const k = await kernels(impl);
    const mark = k.arena.mark();
    const t = k.arena.alloc([4]);
    t.data.fill(7);
    k.arena.release(mark);
    const u = k.arena.alloc([4]);
    expect(u.ptr).toBe(t.ptr);
    expect([...u.data]).toEqual([0, 0, 0, 0]);
  });

  it('refuses nonsense sizes with a clear message', async () => {
    const k = await kernels(impl);
    expect(() => k.arena.allocBytes(-1)).toThrow(/cannot allocate -1 bytes/);
  });
});
