// The arena: one WebAssembly linear memory that holds every tensor of a model (parameters,
// gradients, optimizer moments, activations) and the kernels' scratch space. Tensors are handed
// out once as byte offsets plus typed-array views; kernels are called with offsets, so nothing
// is copied between JavaScript and WebAssembly inside a training step.
//
// Allocation is a bump pointer (16-byte aligned, never returns offset 0, which kernels read as
// "no tensor"). mark()/release() free everything allocated after a mark, for temporary buffers.
// Growing the memory detaches old ArrayBuffers: views are re-created on access, so hold tensors,
// not raw Float32Arrays, across allocations.

const PAGE = 65536;
const ALIGN = 16;

export type Ptr = number;

export class Arena {
  readonly memory: WebAssembly.Memory;
  private top: number;
  private f32View: Float32Array;
  private i32View: Int32Array;

  constructor(memory: WebAssembly.Memory, base: number) {
    this.memory = memory;
    this.top = Math.max(align(base), ALIGN);
    this.f32View = new Float32Array(memory.buffer);
    this.i32View = new Int32Array(memory.buffer);
  }

  /** Bytes handed out so far, including the reserved base. */
  get used(): number {
    return this.top;
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

  /** Reserves `bytes` (zero-filled) and returns the offset. */
  allocBytes(bytes: number): Ptr {
    if (!Number.isInteger(bytes) || bytes < 0) throw new RangeError(`arena: cannot allocate ${bytes} bytes`);
    const ptr = this.top;
    const end = align(ptr + bytes);
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const pages = Math.ceil((end - have) / PAGE);
      try {
        this.memory.grow(pages);
      } catch {
        throw new RangeError(
          `arena: out of memory growing to ${(end / 2 ** 20).toFixed(1)} MiB (WebAssembly memory limit); use a smaller model or batch`,
        );
      }
    }
    new Uint8Array(this.memory.buffer, ptr, end - ptr).fill(0);
    this.top = end;
    return ptr;
  }

  /** A float32 tensor of the given shape, zero-filled. */
  alloc(shape: readonly number[]): Tensor {
    const size = shape.reduce((a, b) => a * b, 1);
    return new Tensor(this, this.allocBytes(size * 4), shape, size);
  }

  /** An int32 buffer of n elements (token ids, targets), zero-filled. */
  allocInt(n: number): IntTensor {
    return new IntTensor(this, this.allocBytes(n * 4), n);
  }

  mark(): number {
    return this.top;
  }

  /** Frees everything allocated after `mark`. Tensors from that range must not be used again. */
  release(mark: number): void {
    if (mark > this.top) throw new RangeError('arena: release past the top');
    this.top = mark;
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
    const size = shape.reduce((a, b) => a * b, 1);
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

function align(n: number): number {
  return Math.ceil(n / ALIGN) * ALIGN;
}
