// The arena: aligned, zeroed, never offset 0, views survive growth, scopes free exactly their own.

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

  it("reuses a disposed scope's space, zeroing it again", async () => {
    const k = await kernels(impl);
    const before = k.arena.used;
    const scope = k.arena.scope();
    const t = scope.alloc([4]);
    t.data.fill(7);
    scope.dispose();
    expect(k.arena.used).toBe(before);
    const again = k.arena.scope();
    const u = again.alloc([4]);
    expect(u.ptr).toBe(t.ptr);
    expect([...u.data]).toEqual([0, 0, 0, 0]);
    again.dispose();
  });

  it('never frees a persistent buffer allocated while a scope was open', async () => {
    const k = await kernels(impl);
    const scope = k.arena.scope();
    const temp = scope.alloc([64]);
    const kept = k.arena.alloc([64]); // e.g. a model's buffer grown lazily during a generation
    kept.data.fill(3);
    expect(kept.ptr).toBeGreaterThan(temp.ptr);
    scope.dispose();
    // New temporaries may reuse temp's range but never overlap `kept`.
    const next = k.arena.scope();
    const small = next.alloc([64]);
    const big = next.alloc([256]);
    for (const t of [small, big]) {
      const overlaps = t.ptr < kept.ptr + kept.size * 4 && kept.ptr < t.ptr + t.size * 4;
      expect(overlaps).toBe(false);
      t.data.fill(9);
    }
    expect(kept.data.every((v) => v === 3)).toBe(true);
    next.dispose();
  });

  it('lets scopes be disposed in any order and frees all of them', async () => {
    const k = await kernels(impl);
    const before = k.arena.used;
    const a = k.arena.scope();
    const b = k.arena.scope();
    a.alloc([100]);
    b.alloc([10]);
    a.alloc([5]);
    a.dispose();
    expect(k.arena.used).toBeGreaterThan(before); // b's buffer still sits above a's
    b.dispose();
    expect(k.arena.used).toBe(before);
    expect(k.arena.scopedBytes).toBe(0);
  });

  it('refuses to free what no scope owns, and allocation from a disposed scope', async () => {
    const k = await kernels(impl);
    const t = k.arena.alloc([4]);
    expect(() => k.arena.freeScoped(t.ptr)).toThrow(/not a live scoped allocation/);
    const scope = k.arena.scope();
    scope.dispose();
    scope.dispose(); // twice is harmless
    expect(() => scope.alloc([1])).toThrow(/disposed scope/);
  });

  it('refuses nonsense sizes with a clear message', async () => {
    const k = await kernels(impl);
    expect(() => k.arena.allocBytes(-1)).toThrow(/cannot allocate -1 bytes/);
  });
});
