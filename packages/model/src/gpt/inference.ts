// Incremental inference with a KV cache: push one token, get the next-token logits, at the cost
// of one position's work (the keys and values of earlier positions are kept per layer). This is
// what generation and the autocomplete view run on.
//
// When the context fills the block size, the window slides by half: the cache is rebuilt from the
// last blockSize/2 tokens (learned absolute positions make a cache entry valid only at its
// position). Not handled: batches of several sequences (one sequence per session).

import type { Tensor } from '@glassbox/core-wasm';
import type { GPT } from './model.js';

export class InferenceSession {
  private readonly kCache: Tensor; // (nLayer, blockSize, C)
  private readonly vCache: Tensor; // (nLayer, blockSize, C)
  private readonly buf: Record<
    'x' | 'ln' | 'qkv' | 'atty' | 'proj' | 'fch' | 'scores' | 'logits' | 'mean' | 'rstd',
    Tensor
  >;
  private readonly tokenBuf;
  /** Every token pushed so far (the cache covers the last `cached` of them). */
  readonly tokens: number[] = [];
  private cached = 0;

  constructor(readonly model: GPT) {
    const { nLayer, blockSize, nEmbd: C, vocabSize: V } = model.config;
    const arena = model.kernels.arena;
    this.kCache = arena.alloc([nLayer, blockSize, C]);
    this.vCache = arena.alloc([nLayer, blockSize, C]);
    this.buf = {
      x: arena.alloc([C]),
      ln: arena.alloc([C]),
      qkv: arena.alloc([3 * C]),
      atty: arena.alloc([C]),
      proj: arena.alloc([C]),
      fch: arena.alloc([4 * C]),
      scores: arena.alloc([blockSize]),
      logits: arena.alloc([V]),
      mean: arena.alloc([1]),
      rstd: arena.alloc([1]),
    };
    this.tokenBuf = arena.allocInt(1);
  }

  /** Forgets everything pushed so far. */
  reset(): void {
    this.tokens.length = 0;
    this.cached = 0;
  }

  /** Appends a token; returns the logits for the token after it (a view, valid until the next push). */
  push(token: number): Float32Array {
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
    const hs = C / nHead;
    const t = this.cached;
    const b = this.buf;
    const p = (name: string) => m.params.get(name).ptr;
    this.tokenBuf.data[0] = token;
    k.gather(b.x.ptr, p('wte.weight'), this.tokenBuf.ptr, 1, C);
    k.add(b.x.ptr, b.x.ptr, p('wpe.weight') + t * C * 4, C);
    for (let l = 0; l < m.config.nLayer; l++) {
      const h = `h.${l}`;
      const kc = this.kCache.ptr + l * blockSize * C * 4;
      const vc = this.vCache.ptr + l * blockSize * C * 4;
      k.layernormForward(
        b.ln.ptr,
        b.mean.ptr,
        b.rstd.ptr,
        b.x.ptr,
        p(`${h}.ln_1.weight`),
        p(`${h}.ln_1.bias`),
        1,
        C,
      );
      k.matmul({
        c: b.qkv.ptr,
        a: b.ln.ptr,
        b: p(`${h}.attn.c_attn.weight`),
        bias: p(`${h}.attn.c_attn.bias`),
        m: 1,
        k: C,
        n: 3 * C,
      });
      const qkv = b.qkv.data;
      this.kCache.data.set(qkv.subarray(C, 2 * C), l * blockSize * C + t * C);
      this.vCache.data.set(qkv.subarray(2 * C, 3 * C), l * blockSize * C + t * C);
      for (let hd = 0; hd < nHead; hd++) {
        // scores (1, t+1) = q_h · K_hᵀ / √hs, softmax, then y_h = scores · V_h
        k.matmul({
          c: b.scores.ptr,
          a: b.qkv.ptr + hd * hs * 4,
          b: kc + hd * hs * 4,
          m: 1,
          k: hs,
          n: t + 1,
          transB: true,
          ldb: C,
        });
        k.softmaxForward(b.scores.ptr, b.scores.ptr, 1, t + 1, 1 / Math.sqrt(hs));
        k.matmul({
          c: b.atty.ptr + hd * hs * 4,
          a: b.scores.ptr,
          b: vc + hd * hs * 4,
          m: 1,
          k: t + 1,
          n: hs,
          ldb: C,
        });
      }
      k.matmul({
        c: b.proj.ptr,
        a: b.atty.ptr,
        b: p(`${h}.attn.c_proj.weight`),
        bias: p(`${h}.attn.c_proj.bias`),
        m: 1,
        k: C,
        n: C,
      });
      k.add(b.x.ptr, b.x.ptr, b.proj.ptr, C);
      k.layernormForward(
        b.ln.ptr,
        b.mean.ptr,
        b.rstd.ptr,
        b.x.ptr,
        p(`${h}.ln_2.weight`),
        p(`${h}.ln_2.bias`),
        1,
        C,
      );
      k.matmul({
        c: b.fch.ptr,
        a: b.ln.ptr,
        b: p(`${h}.mlp.c_fc.weight`),
        bias: p(`${h}.mlp.c_fc.bias`),
        m: 1,
        k: C,
        n: 4 * C,
      });
      k.geluForward(b.fch.ptr, b.fch.ptr, 4 * C);
      k.matmul({
        c: b.proj.ptr,
        a: b.fch.ptr,
        b: p(`${h}.mlp.c_proj.weight`),
        bias: p(`${h}.mlp.c_proj.bias`),
        m: 1,
        k: 4 * C,
        n: C,
      });
      k.add(b.x.ptr, b.x.ptr, b.proj.ptr, C);
    }
    k.layernormForward(b.ln.ptr, b.mean.ptr, b.rstd.ptr, b.x.ptr, p('ln_f.weight'), p('ln_f.bias'), 1, C);
    k.matmul({ c: b.logits.ptr, a: b.ln.ptr, b: p('wte.weight'), m: 1, k: C, n: V, transB: true });
    this.cached = t + 1;
    return b.logits.data;
  }
}
