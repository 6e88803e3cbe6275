// Incremental inference with a KV cache: push one token, get the next-token logits, at the cost
// of one position's work (the keys and values of earlier positions are kept per layer). This is
// what generation and the autocomplete view run on. Each block runs the same blockForward as the
// batched forward, with its buffers aliased in place and the attention read from the cache.
//
// A session owns its memory: the cache and buffers live in an arena scope that dispose() frees
// (call it in `finally`, or hold the session with `using`). When the context fills the block size,
// the window slides by half: the cache is rebuilt from the last blockSize/2 tokens (learned
// absolute positions make a cache entry valid only at its position). Not handled: batches of
// several sequences (one sequence per session), adapters (merge them first).

import type { ArenaScope, Tensor } from '@glassbox/core-wasm';
import { GlassboxError } from '../util/errors.js';
import { attendCached } from './layers/attention.js';
import { type BlockBuffers, blockForward } from './layers/block.js';
import type { GPT } from './model.js';

export class InferenceSession implements Disposable {
  private readonly scope: ArenaScope;
  private readonly kCache: Tensor; // (nLayer, blockSize, C)
  private readonly vCache: Tensor; // (nLayer, blockSize, C)
  private readonly buf: Record<
    'x' | 'ln' | 'qkv' | 'atty' | 'proj' | 'fch' | 'scores' | 'logits' | 'mean' | 'rstd',
    Tensor
  >;
  /** The block's buffers for one row, aliased so every step works in place. */
  private readonly blockBufs: BlockBuffers;
  private readonly tokenBuf;
  /** Every token pushed so far (the cache covers the last `cached` of them). */
  readonly tokens: number[] = [];
  private cached = 0;
  private disposed = false;

  constructor(readonly model: GPT) {
    if (model.adapter) {
      throw new GlassboxError(
        'generation runs on the plain weights: merge the adapter into them first (mergeLoRA)',
      );
    }
    const { nLayer, blockSize, nEmbd: C, vocabSize: V } = model.config;
    this.scope = model.kernels.arena.scope();
    try {
      const s = this.scope;
      this.kCache = s.alloc([nLayer, blockSize, C]);
      this.vCache = s.alloc([nLayer, blockSize, C]);
      const b = {
        x: s.alloc([C]),
        ln: s.alloc([C]),
        qkv: s.alloc([3 * C]),
        atty: s.alloc([C]),
        proj: s.alloc([C]),
        fch: s.alloc([4 * C]),
        scores: s.alloc([blockSize]),
        logits: s.alloc([V]),
        mean: s.alloc([1]),
        rstd: s.alloc([1]),
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
      this.tokenBuf = s.allocInt(1);
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
    if (this.disposed) throw new Error('InferenceSession.push after dispose()');
    const { blockSize, vocabSize } = this.model.config;
    if (!Number.isInteger(token) || token < 0 || token >= vocabSize) {
      throw new RangeError(`token id ${token} is outside the vocabulary (0…${vocabSize - 1})`);
    }
    this.tokens.push(token);
    if (this.cached === blockSize) {
      // Slide: re-encode the most recent half-block (the new token included) from position 0.
      const keep = this.tokens.slice(-Math.max(1, blockSize >> 1));
      this.cached = 0;
      for (let i = 0; i < keep.length - 1; i++) this.step(keep[i]);
      return this.step(keep[keep.length - 1]);
    }
    return this.step(token);
  }

  private step(token: number): Float32Array {
    const m = this.model;
    const k = m.kernels;
    const { nEmbd: C, nHead, vocabSize: V, blockSize } = m.config;
    const t = this.cached;
    const b = this.buf;
    const p = (name: string) => m.params.get(name).ptr;
    this.tokenBuf.data[0] = token;
    k.gather(b.x.ptr, p('wte.weight'), this.tokenBuf.ptr, 1, C);
    k.add(b.x.ptr, b.x.ptr, p('wpe.weight') + t * C * 4, C);
    for (let l = 0; l < m.config.nLayer; l++) {
      const cache = {
        keys: this.kCache.ptr + l * blockSize * C * 4,
        values: this.vCache.ptr + l * blockSize * C * 4,
      };
      blockForward(m.block(l), this.blockBufs, b.x.ptr, b.proj.ptr, 1, C, (y, qkv) =>
        attendCached(k, y, qkv, cache, b.scores.ptr, t, C, nHead),
      );
    }
    k.layernormForward(
      b.ln.ptr,
      b.mean.ptr,
      b.rstd.ptr,
      b.x.ptr,
      p('ln_f.weight'),
      p('ln_f.bias'),
      1,
      C,
      m.eps,
    );
    k.matmul({ c: b.logits.ptr, a: b.ln.ptr, b: p('wte.weight'), m: 1, k: C, n: V, transB: true });
    this.cached = t + 1;
    return b.logits.data;
  }
}
