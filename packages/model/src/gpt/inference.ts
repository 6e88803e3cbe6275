// Incremental inference with a KV cache: push tokens, get the next-token logits, at the cost of
// the new positions' work only (the keys and values of earlier positions are kept per layer). A
// prompt goes in at once (prefill: its positions in chunks of up to PREFILL_ROWS rows, so the
// weights are read once per chunk rather than once per token); each generated token is one row,
// where every product is a matrix-vector one. This is what generation and the autocomplete view
// run on. Each block runs the same blockForward as the batched forward, with its buffers aliased
// in place and the attention read from the cache.
//
// A session owns its memory: the cache and buffers live in an arena scope that dispose() frees
// (call it in `finally`, or hold the session with `using`). The cache holds `capacity` positions
// (default the block size; generate() asks for no more than prompt + new tokens). When it is full,
// the window slides by half: the cache is rebuilt from the last capacity/2 tokens, the new one
// included (learned
// absolute positions make a cache entry valid only at its position). Not handled: batches of
// several sequences (one sequence per session), adapters (merge them first).

import type { ArenaScope, Tensor } from '@glassbox/core-wasm';
import { GlassboxError } from '../util/errors.js';
import { attendCached } from './layers/attention.js';
import { type BlockBuffers, blockForward } from './layers/block.js';
import type { GPT } from './model.js';

/** Positions run together when a prompt is fed in. */
export const PREFILL_ROWS = 64;

export interface SessionOptions {
  /** Positions the cache holds (1 … blockSize; default blockSize). */
  capacity?: number;
}

export class InferenceSession implements Disposable {
  /** Positions the cache holds before it slides. */
  readonly capacity: number;
  private readonly scope: ArenaScope;
  private readonly kCache: Tensor; // (nLayer, capacity, C)
  private readonly vCache: Tensor; // (nLayer, capacity, C)
  private readonly buf: Record<
    'x' | 'ln' | 'qkv' | 'atty' | 'proj' | 'fch' | 'scores' | 'logits' | 'mean' | 'rstd',
    Tensor
  >;
  /** The block's buffers for up to PREFILL_ROWS rows, aliased so every step works in place. */
  private readonly blockBufs: BlockBuffers;
  private readonly tokenBuf;
  /** Every token pushed so far (the cache covers the last `cached` of them). */
  readonly tokens: number[] = [];
  private cached = 0;
  private disposed = false;

  constructor(
    readonly model: GPT,
    opts: SessionOptions = {},
  ) {
    if (model.adapter) {
      throw new GlassboxError(
        'generation runs on the plain weights: merge the adapter into them first (mergeLoRA)',
      );
    }
    const { nLayer, blockSize, nEmbd: C, vocabSize: V } = model.config;
    const capacity = opts.capacity ?? blockSize;
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > blockSize)
      throw new RangeError(`session capacity must be a whole number from 1 to ${blockSize}, got ${capacity}`);
    this.capacity = capacity;
    const P = Math.min(PREFILL_ROWS, capacity);
    this.scope = model.kernels.arena.scope();
    try {
      const s = this.scope;
      this.kCache = s.alloc([nLayer, capacity, C]);
      this.vCache = s.alloc([nLayer, capacity, C]);
      const b = {
        x: s.alloc([P, C]),
        ln: s.alloc([P, C]),
        qkv: s.alloc([P, 3 * C]),
        atty: s.alloc([P, C]),
        proj: s.alloc([P, C]),
        fch: s.alloc([P, 4 * C]),
        scores: s.alloc([P, capacity]),
        logits: s.alloc([V]),
        mean: s.alloc([P]),
        rstd: s.alloc([P]),
      };
      this.buf = b;
      this.blockBufs = {
        ln1: b.ln,
        ln1Mean: b.mean,
        ln1Rstd: b.rstd,
        qkv: b.qkv,
        atty: b.atty,
        res2: b.x,
        ln2: b.ln,
        ln2Mean: b.mean,
        ln2Rstd: b.rstd,
        fch: b.fch,
        fchGelu: b.fch,
        res3: b.x,
      };
      this.tokenBuf = s.allocInt(P);
    } catch (e) {
      this.scope.dispose();
      throw e;
    }
  }

  /** Forgets everything pushed so far. */
  reset(): void {
    this.tokens.length = 0;
    this.cached = 0;
  }

  /** Frees the cache and buffers; the session cannot be used afterwards. Safe to call twice. */
  dispose(): void {
    this.disposed = true;
    this.scope.dispose();
  }

  [Symbol.dispose](): void {
    this.dispose();
  }

  /** Appends a token; returns the logits for the token after it (a view, valid until the next push). */
  push(token: number): Float32Array {
    return this.pushAll([token]);
  }

  /**
   * Appends tokens (a prompt) in one go; returns the logits for the token after the last (a view,
   * valid until the next push). Same logits as pushing them one by one, up to float rounding.
   */
  pushAll(tokens: readonly number[]): Float32Array {
    if (this.disposed) throw new Error('InferenceSession.push after dispose()');
    if (tokens.length === 0) throw new RangeError('pushAll needs at least one token');
    const { vocabSize } = this.model.config;
    for (const token of tokens) {
      if (!Number.isInteger(token) || token < 0 || token >= vocabSize)
        throw new RangeError(`token id ${token} is outside the vocabulary (0…${vocabSize - 1})`);
    }
    this.tokens.push(...tokens);
    let rest = tokens;
    let logits: Float32Array | undefined;
    while (rest.length > 0) {
      if (this.cached === this.capacity) {
        // Slide: the window restarts at position 0 as the last capacity/2 tokens, the next one
        // included; the tokens before it are re-encoded first.
        const done = this.tokens.length - rest.length;
        const keep = this.tokens.slice(done - (Math.max(1, this.capacity >> 1) - 1), done);
        this.cached = 0;
        if (keep.length) this.feed(keep);
      }
      const room = this.capacity - this.cached;
      const take = rest.slice(0, room);
      rest = rest.slice(take.length);
      logits = this.feed(take);
    }
    return logits!;
  }

  /** Runs `tokens` through the model at positions cached…, in chunks; logits of the last. */
  private feed(tokens: readonly number[]): Float32Array {
    let logits: Float32Array | undefined;
    const P = this.buf.mean.size;
    for (let i = 0; i < tokens.length; i += P) {
      const chunk = tokens.slice(i, i + P);
      logits = this.step(chunk, i + P >= tokens.length);
    }
    return logits ?? this.buf.logits.data;
  }

  /** n ≤ PREFILL_ROWS tokens at positions t0 = cached …; the logits of the last when `wantLogits`. */
  private step(tokens: readonly number[], wantLogits: boolean): Float32Array {
    const m = this.model;
    const k = m.kernels;
    const { nEmbd: C, nHead, vocabSize: V } = m.config;
    const t0 = this.cached;
    const n = tokens.length;
    const b = this.buf;
    const p = (name: string) => m.params.get(name).ptr;
    this.tokenBuf.data.set(tokens);
    k.gather(b.x.ptr, p('wte.weight'), this.tokenBuf.ptr, n, C);
    k.add(b.x.ptr, b.x.ptr, p('wpe.weight') + t0 * C * 4, n * C);
    for (let l = 0; l < m.config.nLayer; l++) {
      const cache = {
        keys: this.kCache.ptr + l * this.capacity * C * 4,
        values: this.vCache.ptr + l * this.capacity * C * 4,
      };
      blockForward(m.block(l), this.blockBufs, b.x.ptr, b.proj.ptr, n, C, (y, qkv) =>
        attendCached(k, y, qkv, cache, b.scores.ptr, t0, n, C, nHead),
      );
    }
    this.cached = t0 + n;
    if (!wantLogits) return b.logits.data;
    // Only the last position's logits are wanted: ln_f and the head on that row alone.
    const last = b.x.ptr + (n - 1) * C * 4;
    k.layernormForward(b.ln.ptr, b.mean.ptr, b.rstd.ptr, last, p('ln_f.weight'), p('ln_f.bias'), 1, C, m.eps);
    k.matmul({ c: b.logits.ptr, a: b.ln.ptr, b: p('wte.weight'), m: 1, k: C, n: V, transB: true });
    return b.logits.data;
  }
}
