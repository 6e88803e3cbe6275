// The arena: one WebAssembly linear memory that holds every tensor of a model (parameters,
// gradients, optimizer moments, activations) and the kernels' scratch space. Tensors are handed
// out as byte offsets plus typed-array views; kernels are called with offsets, so nothing is
// copied between JavaScript and WebAssembly inside a training step.
//
// Two kinds of allocation, so that freeing temporaries can never free a model's buffer:
// - persistent: arena.alloc / allocInt / allocBytes. Lives as long as the arena (parameters,
//   gradients, optimizer moments, the kernels' own scratch).
// - scoped: arena.scope() opens an ArenaScope; its alloc* calls hand out temporaries (a KV cache,
//   an activation buffer that may be regrown, a merge's scratch) and scope.dispose() frees exactly
//   those, in any order relative to other scopes. Freed ranges are reused first-fit and zeroed
//   again when handed out.
// Every allocation is 16-byte aligned and never at offset 0 (kernels read 0 as "no tensor").
// Growing the memory detaches old ArrayBuffers: views are re-created on access, so hold tensors,
// not raw Float32Arrays, across allocations. Not handled: returning memory to the system
// (WebAssembly memories only grow).

const PAGE = 65536;
const ALIGN = 16;

export type Ptr = number;

/** Where allocations come from: the arena itself (persistent) or one of its scopes. */
export interface Allocator {
  /** A float32 tensor of the given shape, zero-filled. */
  alloc(shape: readonly number[]): Tensor;
  /** An int32 buffer of n elements (token ids, targets), zero-filled. */
  allocInt(n: number): IntTensor;
  /** Reserves `bytes` (zero-filled) and returns the offset. */
  allocBytes(bytes: number): Ptr;
}

interface Range {
  start: number;
  end: number;
}

export class Arena implements Allocator {
  readonly memory: WebAssembly.Memory;
  private top: number;
  /** Freed ranges below `top`, sorted by start, never adjacent (coalesced). */
  private readonly free: Range[] = [];
  /** Live scoped allocations: start → end. */
  private readonly scoped = new Map<Ptr, number>();
  private f32View: Float32Array;
  private i32View: Int32Array;

  constructor(memory: WebAssembly.Memory, base: number) {
    this.memory = memory;
    this.top = Math.max(align(base), ALIGN);
    this.f32View = new Float32Array(memory.buffer);
    this.i32View = new Int32Array(memory.buffer);
  }

  /** The end of the highest allocation so far (the reserved base included), in bytes. */
  get used(): number {
    return this.top;
  }

  /** Bytes held by live scoped allocations. */
  get scopedBytes(): number {
    let n = 0;
    for (const [start, end] of this.scoped) n += end - start;
    return n;
  }

  /** Float32 view of the whole memory (re-created after growth). */
  get f32(): Float32Array {
    if (this.f32View.buffer !== this.memory.buffer) this.f32View = new Float32Array(this.memory.buffer);
    return this.f32View;
  }

  /** Int32 view of the whole memory (re-created after growth). */
  get i32(): Int32Array {
    if (this.i32View.buffer !== this.memory.buffer) this.i32View = new Int32Array(this.memory.buffer);
    return this.i32View;
  }

  allocBytes(bytes: number): Ptr {
    return this.take(bytes);
  }

  alloc(shape: readonly number[]): Tensor {
    const size = sizeOf(shape);
    return new Tensor(this, this.allocBytes(size * 4), shape, size);
  }

  allocInt(n: number): IntTensor {
    return new IntTensor(this, this.allocBytes(n * 4), n);
  }

  /** A scope for temporaries: whatever it allocates, its dispose() frees (call it in `finally`). */
  scope(): ArenaScope {
    return new ArenaScope(this);
  }

  /** @internal Scoped allocation, for ArenaScope. */
  takeScoped(bytes: number): Ptr {
    const ptr = this.take(bytes);
    this.scoped.set(ptr, ptr + align(Math.max(bytes, 1)));
    return ptr;
  }

  /** @internal Frees one scoped allocation; anything else (a persistent buffer, twice) is a bug. */
  freeScoped(ptr: Ptr): void {
    const end = this.scoped.get(ptr);
    if (end === undefined) throw new Error(`arena: ${ptr} is not a live scoped allocation`);
    this.scoped.delete(ptr);
    this.giveBack({ start: ptr, end });
  }

  private take(bytes: number): Ptr {
    if (!Number.isInteger(bytes) || bytes < 0) throw new RangeError(`arena: cannot allocate ${bytes} bytes`);
    const need = align(Math.max(bytes, 1));
    // First fit among freed ranges, else bump the top.
    const i = this.free.findIndex((r) => r.end - r.start >= need);
    let ptr: number;
    if (i >= 0) {
      const r = this.free[i];
      ptr = r.start;
      r.start += need;
      if (r.start === r.end) this.free.splice(i, 1);
    } else {
      ptr = this.top;
      this.grow(ptr + need);
      this.top = ptr + need;
    }
    new Uint8Array(this.memory.buffer, ptr, need).fill(0);
    return ptr;
  }

  private giveBack(range: Range): void {
    let i = this.free.findIndex((r) => r.start > range.start);
    if (i < 0) i = this.free.length;
    this.free.splice(i, 0, range);
    // Coalesce with the neighbours, then hand a free tail back to the bump pointer.
    if (i + 1 < this.free.length && this.free[i].end === this.free[i + 1].start) {
      this.free[i].end = this.free[i + 1].end;
      this.free.splice(i + 1, 1);
    }
    if (i > 0 && this.free[i - 1].end === this.free[i].start) {
      this.free[i - 1].end = this.free[i].end;
      this.free.splice(i, 1);
      i--;
    }
    const last = this.free[this.free.length - 1];
    if (last && last.end === this.top) {
      this.top = last.start;
      this.free.pop();
    }
  }

  private grow(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    const pages = Math.ceil((end - have) / PAGE);
    try {
      this.memory.grow(pages);
    } catch {
      throw new RangeError(
        `arena: out of memory growing to ${(end / 2 ** 20).toFixed(1)} MiB (WebAssembly memory limit); use a smaller model or batch`,
      );
    }
  }
}

/**
 * Temporaries with one owner: allocate through the scope, dispose() it when done (in `finally`,
 * or with `using`). Disposing frees only this scope's allocations, whatever was allocated (by
 * anyone) in between; using a tensor of a disposed scope is a bug the arena cannot see.
 */
export class ArenaScope implements Allocator, Disposable {
  private readonly ptrs: Ptr[] = [];
  private disposed = false;

  constructor(readonly arena: Arena) {}

  allocBytes(bytes: number): Ptr {
    if (this.disposed) throw new Error('arena: allocation from a disposed scope');
    const ptr = this.arena.takeScoped(bytes);
    this.ptrs.push(ptr);
    return ptr;
  }

  alloc(shape: readonly number[]): Tensor {
    const size = sizeOf(shape);
    return new Tensor(this.arena, this.allocBytes(size * 4), shape, size);
  }

  allocInt(n: number): IntTensor {
    return new IntTensor(this.arena, this.allocBytes(n * 4), n);
  }

  /** Frees everything this scope allocated. Safe to call twice. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (let i = this.ptrs.length - 1; i >= 0; i--) this.arena.freeScoped(this.ptrs[i]);
    this.ptrs.length = 0;
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}

export class Tensor {
  constructor(
    readonly arena: Arena,
    readonly ptr: Ptr,
    readonly shape: readonly number[],
    readonly size: number,
  ) {}

  /** A Float32Array over this tensor's bytes; valid until the arena next grows. */
  get data(): Float32Array {
    return this.arena.f32.subarray(this.ptr >>> 2, (this.ptr >>> 2) + this.size);
  }

  /** A view tensor of `shape` starting `offset` elements in (no copy). */
  slice(offset: number, shape: readonly number[]): Tensor {
    const size = sizeOf(shape);
    if (offset < 0 || offset + size > this.size) throw new RangeError('tensor slice out of range');
    return new Tensor(this.arena, this.ptr + offset * 4, shape, size);
  }
}

export class IntTensor {
  constructor(
    readonly arena: Arena,
    readonly ptr: Ptr,
    readonly size: number,
  ) {}

  get data(): Int32Array {
    return this.arena.i32.subarray(this.ptr >>> 2, (this.ptr >>> 2) + this.size);
  }
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function align(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}
