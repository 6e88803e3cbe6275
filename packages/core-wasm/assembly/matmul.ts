// C (+)= op(A)·op(B) [+ bias] for any M, K, N, in the three layouts a transformer needs:
//   A·B   (transA = 0, transB = 0)  e.g. a linear layer, x (M,K) · W (K,N)
//   A·Bᵀ  (transB = 1)               e.g. tied logits, x (M,K) · wte (N,K)ᵀ
//   Aᵀ·B  (transA = 1)               e.g. a weight gradient, x (K,M)ᵀ · dout (K,N)
// Leading dimensions (lda, ldb, ldc) let it address one head's slice of a packed qkv buffer.
//
// How: GotoBLAS-style blocking. A block of B (KC × NC) is packed into 8-column panels laid out
// k-major, a 4-row panel of A into 4-wide k-major strips; a 4×8 register tile (8 accumulators,
// 2 B vectors, 1 broadcast A value ≈ 11 live vectors, below V8's spill point) sweeps the panels.
// Packing zero-pads ragged edges, so the micro-kernel never branches; only the store of an edge
// tile goes through a small scalar loop. Packing also absorbs the transposes: every layout runs
// the same micro-kernel.
//
// Threads share the work by blocks of rows or columns (matmulBlock; see threads.ts). Not handled:
// M < 4 special cases (a matrix-vector product packs B like any other; it is memory-bound anyway).

import { isSwapped, matmulSwappedBlock } from './matmul-swapped';
import { isFewRows, isThin, matmulFewRowsBlock, matmulThinBlock } from './matmul-thin';
import { KC, MR, NC, NR, scratchA, scratchB, scratchTile } from './scratch';

// Reads 4 floats from each of 4 rows and stores the transposed 4×4 block as 4 vectors
// `stride` bytes apart: dst[k] = (p0[k], p1[k], p2[k], p3[k]).
@inline function transpose4(p0: usize, p1: usize, p2: usize, p3: usize, dst: usize, stride: usize): void {
  const a = v128.load(p0), b = v128.load(p1), c = v128.load(p2), d = v128.load(p3);
  const t0 = v128.shuffle<f32>(a, b, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(a, b, 2, 6, 3, 7);
  const t2 = v128.shuffle<f32>(c, d, 0, 4, 1, 5);
  const t3 = v128.shuffle<f32>(c, d, 2, 6, 3, 7);
  v128.store(dst, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
  v128.store(dst + stride, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7));
  v128.store(dst + 2 * stride, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5));
  v128.store(dst + 3 * stride, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7));
}

// Packs k in [ks, ke) of the block at k0 (its slots ks … ke − 1 of the panel: a triangular A needs
// only part of the block).
@inline function packA(a: usize, lda: i32, transA: i32, i0: i32, k0: i32, mr: i32, ks: i32, ke: i32): void {
  const dst = scratchA;
  if (transA) {
    // A stored K×M: A(i,k) = a[k*lda + i]; four rows i0..i0+3 are contiguous at fixed k.
    for (let k = ks; k < ke; k++) {
      const src = a + ((<usize>(k0 + k) * lda + i0) << 2);
      const d = dst + (<usize>k << 4);
      if (mr == MR) v128.store(d, v128.load(src));
      else for (let r = 0; r < MR; r++) store<f32>(d + (<usize>r << 2), r < mr ? load<f32>(src + (<usize>r << 2)) : 0);
    }
  } else if (mr == MR) {
    // Four rows, each contiguous in k: transpose 4×4 blocks in registers.
    const r0 = a + ((<usize>i0 * lda + k0) << 2);
    const rs = <usize>lda << 2;
    let k = ks;
    for (; k + 4 <= ke; k += 4) {
      const o = <usize>k << 2;
      transpose4(r0 + o, r0 + rs + o, r0 + 2 * rs + o, r0 + 3 * rs + o, dst + (<usize>k << 4), 16);
    }
    for (; k < ke; k++) {
      const o = <usize>k << 2;
      const d = dst + (<usize>k << 4);
      store<f32>(d, load<f32>(r0 + o));
      store<f32>(d, load<f32>(r0 + rs + o), 4);
      store<f32>(d, load<f32>(r0 + 2 * rs + o), 8);
      store<f32>(d, load<f32>(r0 + 3 * rs + o), 12);
    }
  } else {
    for (let r = 0; r < MR; r++) {
      const d = dst + (<usize>r << 2);
      if (r < mr) {
        const src = a + ((<usize>(i0 + r) * lda + k0) << 2);
        for (let k = ks; k < ke; k++) store<f32>(d + (<usize>k << 4), load<f32>(src + (<usize>k << 2)));
      } else {
        for (let k = ks; k < ke; k++) store<f32>(d + (<usize>k << 4), 0);
      }
    }
  }
}

/**
 * Packs the block (kc × nc at k0, n0) of op(B) into 8-column panels. With `sums` (B not
 * transposed), also sums[j] += B(k, j) for each k of the block in order, as columnSums adds rows.
 */
@inline function packB(into: usize, b: usize, ldb: i32, transB: i32, k0: i32, n0: i32, kc: i32, nc: i32, sums: usize): void {
  const panels = (nc + NR - 1) / NR;
  for (let p = 0; p < panels; p++) {
    const j0 = n0 + p * NR;
    const nr = min(NR, nc - p * NR);
    const dst = into + (<usize>(p * kc * NR) << 2);
    if (transB && nr == NR) {
      // B stored N×K: B(k,j) = b[j*ldb + k]; each column of the panel is a contiguous row.
      // Two 4×4 register transposes per 4 values of k fill the 8-wide k-major slots.
      const rs = <usize>ldb << 2;
      const s0 = b + ((<usize>j0 * ldb + k0) << 2);
      const s4 = s0 + 4 * rs;
      let k = 0;
      for (; k + 4 <= kc; k += 4) {
        const o = <usize>k << 2;
        const d = dst + (<usize>k << 5);
        transpose4(s0 + o, s0 + rs + o, s0 + 2 * rs + o, s0 + 3 * rs + o, d, 32);
        transpose4(s4 + o, s4 + rs + o, s4 + 2 * rs + o, s4 + 3 * rs + o, d + 16, 32);
      }
      for (; k < kc; k++) {
        const d = dst + (<usize>k << 5);
        for (let c = 0; c < NR; c++) store<f32>(d + (<usize>c << 2), load<f32>(s0 + <usize>c * rs + (<usize>k << 2)));
      }
    } else if (transB) {
      for (let c = 0; c < NR; c++) {
        const d = dst + (<usize>c << 2);
        if (c < nr) {
          const src = b + ((<usize>(j0 + c) * ldb + k0) << 2);
          for (let k = 0; k < kc; k++) store<f32>(d + (<usize>k << 5), load<f32>(src + (<usize>k << 2)));
        } else {
          for (let k = 0; k < kc; k++) store<f32>(d + (<usize>k << 5), 0);
        }
      }
    } else if (sums && nr == NR) {
      const sp = sums + (<usize>j0 << 2);
      let s0 = v128.load(sp), s1 = v128.load(sp, 16);
      for (let k = 0; k < kc; k++) {
        const src = b + ((<usize>(k0 + k) * ldb + j0) << 2);
        const d = dst + (<usize>k << 5);
        const v0 = v128.load(src), v1 = v128.load(src, 16);
        v128.store(d, v0);
        v128.store(d, v1, 16);
        s0 = f32x4.add(s0, v0);
        s1 = f32x4.add(s1, v1);
      }
      v128.store(sp, s0);
      v128.store(sp, s1, 16);
    } else {
      for (let k = 0; k < kc; k++) {
        const src = b + ((<usize>(k0 + k) * ldb + j0) << 2);
        const d = dst + (<usize>k << 5);
        if (nr == NR) {
          v128.store(d, v128.load(src));
          v128.store(d, v128.load(src, 16), 16);
        } else {
          for (let c = 0; c < NR; c++) {
            const v: f32 = c < nr ? load<f32>(src + (<usize>c << 2)) : 0;
            store<f32>(d + (<usize>c << 2), v);
            if (sums && c < nr) store<f32>(sums + (<usize>(j0 + c) << 2), load<f32>(sums + (<usize>(j0 + c) << 2)) + v);
          }
        }
      }
    }
  }
}

// A ragged last panel of at most 4 columns: half the work of the 4×8 tile (the packed panel is
// still 8 wide; its upper half is zero padding and is not read). Stores through the edge path.
@inline function tileNarrow(
  pb: usize, ks: i32, kc: i32, c: usize, ldc: i32, mr: i32, nr: i32, bias: usize, overwrite: bool,
): void {
  let pa = scratchA + (<usize>ks << 4);
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  const end = pb + (<usize>kc << 5);
  while (pb < end) {
    const b0 = v128.load(pb);
    c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(pa), b0));
    c1 = f32x4.add(c1, f32x4.mul(v128.load32_splat(pa, 4), b0));
    c2 = f32x4.add(c2, f32x4.mul(v128.load32_splat(pa, 8), b0));
    c3 = f32x4.add(c3, f32x4.mul(v128.load32_splat(pa, 12), b0));
    pa += 16;
    pb += 32;
  }
  if (bias) {
    const bv = v128.load(bias);
    c0 = f32x4.add(c0, bv); c1 = f32x4.add(c1, bv); c2 = f32x4.add(c2, bv); c3 = f32x4.add(c3, bv);
  }
  const t = scratchTile;
  v128.store(t, c0); v128.store(t, c1, 32); v128.store(t, c2, 64); v128.store(t, c3, 96);
  storeEdge(c, ldc, mr, nr, overwrite);
}

/** Copies the valid mr × nr corner of the scratch tile (rows NR floats apart) into C. */
@inline function storeEdge(c: usize, ldc: i32, mr: i32, nr: i32, overwrite: bool): void {
  const t = scratchTile;
  const rs = <usize>ldc << 2;
  for (let r = 0; r < mr; r++) {
    const row = c + <usize>r * rs;
    for (let j = 0; j < nr; j++) {
      const v = load<f32>(t + (<usize>(r * NR + j) << 2));
      const dst = row + (<usize>j << 2);
      store<f32>(dst, overwrite ? v : load<f32>(dst) + v);
    }
  }
}

/**
 * C (+)= acc (+ bias) for one 4×8 tile whose accumulators are c00…c31 (row r, half h): the full
 * tile with vector loads and stores, an edge tile through the scratch tile and a scalar copy.
 */
@inline export function storeTile(
  c: usize, ldc: i32, mr: i32, nr: i32, bias: usize, overwrite: bool,
  c00: v128, c01: v128, c10: v128, c11: v128, c20: v128, c21: v128, c30: v128, c31: v128,
): void {
  if (bias) {
    const bv0 = v128.load(bias);
    const bv1 = v128.load(bias, 16);
    c00 = f32x4.add(c00, bv0); c01 = f32x4.add(c01, bv1);
    c10 = f32x4.add(c10, bv0); c11 = f32x4.add(c11, bv1);
    c20 = f32x4.add(c20, bv0); c21 = f32x4.add(c21, bv1);
    c30 = f32x4.add(c30, bv0); c31 = f32x4.add(c31, bv1);
  }
  const rs = <usize>ldc << 2;
  if (mr == MR && nr == NR) {
    if (!overwrite) {
      c00 = f32x4.add(c00, v128.load(c)); c01 = f32x4.add(c01, v128.load(c, 16));
      c10 = f32x4.add(c10, v128.load(c + rs)); c11 = f32x4.add(c11, v128.load(c + rs, 16));
      c20 = f32x4.add(c20, v128.load(c + 2 * rs)); c21 = f32x4.add(c21, v128.load(c + 2 * rs, 16));
      c30 = f32x4.add(c30, v128.load(c + 3 * rs)); c31 = f32x4.add(c31, v128.load(c + 3 * rs, 16));
    }
    v128.store(c, c00); v128.store(c, c01, 16);
    v128.store(c + rs, c10); v128.store(c + rs, c11, 16);
    v128.store(c + 2 * rs, c20); v128.store(c + 2 * rs, c21, 16);
    v128.store(c + 3 * rs, c30); v128.store(c + 3 * rs, c31, 16);
    return;
  }
  const t = scratchTile;
  v128.store(t, c00); v128.store(t, c01, 16);
  v128.store(t, c10, 32); v128.store(t, c11, 48);
  v128.store(t, c20, 64); v128.store(t, c21, 80);
  v128.store(t, c30, 96); v128.store(t, c31, 112);
  storeEdge(c, ldc, mr, nr, overwrite);
}

// One 4×8 tile: acc = Apanel(4×kc)·Bpanel(kc×8), then C (+)= acc (+ bias on the first K block).
@inline function tile(
  pb: usize, ks: i32, kc: i32, c: usize, ldc: i32, mr: i32, nr: i32, bias: usize, overwrite: bool,
): void {
  let pa = scratchA + (<usize>ks << 4);
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const end = pb + (<usize>kc << 5);
  while (pb < end) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa);
    c00 = f32x4.add(c00, f32x4.mul(a, b0));
    c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 4);
    c10 = f32x4.add(c10, f32x4.mul(a, b0));
    c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 8);
    c20 = f32x4.add(c20, f32x4.mul(a, b0));
    c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 12);
    c30 = f32x4.add(c30, f32x4.mul(a, b0));
    c31 = f32x4.add(c31, f32x4.mul(a, b1));
    pa += 16;
    pb += 32;
  }
  storeTile(c, ldc, mr, nr, bias, overwrite, c00, c01, c10, c11, c20, c21, c30, c31);
}

export function matmul(
  c: usize, a: usize, b: usize, bias: usize,
  M: i32, K: i32, N: i32,
  transA: i32, transB: i32, accumulate: i32,
  lda: i32, ldb: i32, ldc: i32,
): void {
  matmulBlock(c, a, b, bias, M, K, N, transA, transB, accumulate, lda, ldb, ldc, 0, M, 0, N, CAUSAL_NONE, 0);
}

/** Where block (n0, k0) of the whole of B starts in a packBAll buffer, in floats. */
@inline export function packedOffset(n0: i32, k0: i32, K: i32, N: i32): usize {
  const nc = min(NC, N - n0);
  const panels = (nc + NR - 1) / NR;
  return <usize>n0 * K + <usize>panels * NR * k0;
}

/** Floats a packBAll buffer needs for B of K × N. */
export function packedBSize(K: i32, N: i32): i32 {
  return K * (((N + NR - 1) / NR) * NR);
}

/** The block of k (KC) whose partial sums C receives in turn: a product split in k must split here. */
export function kBlock(): i32 {
  return KC;
}

/**
 * Packs all of op(B) (K × N) into `dst`, block by block in the layout matmulBlock reads when given
 * it (the thin path packs one block of B this way; the threads pack theirs with packBPanels).
 */
export function packBAll(dst: usize, b: usize, ldb: i32, transB: i32, K: i32, N: i32): void {
  packBPanels(dst, b, ldb, transB, K, N, 0, (N + NR - 1) / NR, 0);
}

/**
 * The 8-column panels [p0, p1) of packBAll's layout, every K block of them: threads pack disjoint
 * ranges of panels of one shared buffer side by side (threads.ts), each writing what packBAll would.
 * With `sums` (B not transposed), also adds those columns' sums over all K, in order (packB).
 */
export function packBPanels(dst: usize, b: usize, ldb: i32, transB: i32, K: i32, N: i32, p0: i32, p1: i32, sums: usize): void {
  const perBlock = NC / NR;
  let p = p0;
  while (p < p1) {
    const block = p / perBlock;
    const n0 = block * NC;
    const q = min(p1, (block + 1) * perBlock); // this range's end inside block `block`
    const j0 = p * NR;
    const nc = min(q * NR, N) - j0;
    for (let k0 = 0; k0 < K; k0 += KC) {
      const kc = min(KC, K - k0);
      const at = packedOffset(n0, k0, K, N) + <usize>(p - block * perBlock) * kc * NR;
      packB(dst + (at << 2), b, ldb, transB, k0, j0, kc, nc, sums);
    }
    p = q;
  }
}

// Causal shortcuts for attention, where one operand or the output is triangular (T × T):
export const CAUSAL_NONE = 0;
/** op(A) is lower-triangular (row i is zero past column i): only k ≤ i contributes. */
export const CAUSAL_A_LOWER = 1;
/** op(A) is upper-triangular (row i is zero before column i): only k ≥ i contributes. */
export const CAUSAL_A_UPPER = 2;
/** Only the lower triangle of C (j ≤ i) is wanted; tiles wholly above it are not computed. */
export const CAUSAL_C_LOWER = 3;

/**
 * The rows [i0, i1) and columns [j0, j1) of the product, with the same arguments as matmul: the
 * unit of work that threads share (each packs its own panels in its own scratch).
 */
export function matmulBlock(
  c: usize, a: usize, b: usize, bias: usize,
  M: i32, K: i32, N: i32,
  transA: i32, transB: i32, accumulate: i32,
  lda: i32, ldb: i32, ldc: i32,
  i0: i32, i1: i32, j0: i32, j1: i32,
  causal: i32,
  /** B already packed by packBAll (then j0 = 0 and j1 = N), or 0 to pack it here. */
  packed: usize,
): void {
  if (i1 <= i0 || j1 <= j0) return;
  if (K <= 0) {
    // Empty product: C = bias (or C += bias) keeps the contract without touching A or B.
    for (let i = i0; i < i1; i++) {
      for (let j = j0; j < j1; j++) {
        const dst = c + ((<usize>i * ldc + j) << 2);
        const bv: f32 = bias ? load<f32>(bias + (<usize>j << 2)) : 0;
        store<f32>(dst, accumulate ? load<f32>(dst) + bv : bv);
      }
    }
    return;
  }
  if (isSwapped(transA, causal, K, i0, i1, j0, j1)) {
    // Aᵀ·B with at most 8 columns: as (Bᵀ·A)ᵀ, A read along its rows, the same numbers (matmul-swapped.ts).
    matmulSwappedBlock(c, a, b, bias, K, transB, accumulate, lda, ldb, ldc, i0, i1, j0, j1);
    return;
  }
  if (isFewRows(M, K, transB, causal, packed) && !isThin(K, N)) {
    // M ≤ 16: B read in place rather than packed, the same numbers (matmul-thin.ts).
    matmulFewRowsBlock(c, a, b, bias, K, transA, accumulate, lda, ldb, ldc, i0, i1, j0, j1);
    return;
  }
  if (isThin(K, N)) {
    // K ≤ 32 or N ≤ 32: the same numbers without packing A (matmul-thin.ts).
    matmulThinBlock(c, a, b, bias, M, K, N, transA, transB, accumulate, lda, ldb, ldc, i0, i1, j0, j1, causal, packed);
    return;
  }
  const biasTile = scratchTile + 128; // 8 floats: bias for a ragged last panel, zero-padded
  for (let n0 = j0; n0 < j1; n0 += NC) {
    const nc = min(NC, j1 - n0);
    for (let k0 = 0; k0 < K; k0 += KC) {
      const kc = min(KC, K - k0);
      const first = k0 == 0;
      const bBlock = packed ? packed + (packedOffset(n0, k0, K, N) << 2) : scratchB;
      if (!packed) packB(scratchB, b, ldb, transB, k0, n0, kc, nc, 0);
      for (let r0 = i0; r0 < i1; r0 += MR) {
        const mr = min(MR, i1 - r0);
        // The k range this row panel needs inside the block (all of it unless A is triangular).
        let ks = 0, ke = kc;
        if (causal == CAUSAL_A_LOWER) ke = min(kc, r0 + mr - k0);
        else if (causal == CAUSAL_A_UPPER) ks = max(0, r0 - k0);
        if (ke <= ks && !first) continue; // nothing to add; the first block must still write C
        packA(a, lda, transA, r0, k0, mr, ks, ke); // only the k's the panel's tiles read
        for (let p = 0, c0 = n0; c0 < n0 + nc; p++, c0 += NR) {
          const nr = min(NR, n0 + nc - c0);
          if (causal == CAUSAL_C_LOWER && c0 >= r0 + mr) break;
          let bp: usize = 0;
          if (first && bias) {
            if (nr == NR) bp = bias + (<usize>c0 << 2);
            else {
              for (let j = 0; j < NR; j++) store<f32>(biasTile + (<usize>j << 2), j < nr ? load<f32>(bias + (<usize>(c0 + j) << 2)) : 0);
              bp = biasTile;
            }
          }
          const pb = bBlock + (<usize>(p * kc * NR + max(ks, 0) * NR) << 2);
          const cp = c + ((<usize>r0 * ldc + c0) << 2);
          if (nr <= 4) tileNarrow(pb, ks, max(ke - ks, 0), cp, ldc, mr, nr, bp, first && !accumulate);
          else tile(pb, ks, max(ke - ks, 0), cp, ldc, mr, nr, bp, first && !accumulate);
        }
      }
    }
  }
}

/**
 * The micro-kernel alone, for the benchmarks' ceiling: `reps` 4×8 tiles over one packed A panel
 * and one B panel of KC values of k, all in L1 (no packing, no edges, no memory traffic), the
 * results stored to the scratch tile. 2·MR·NR·KC flops per rep: what one thread can reach at best.
 */
export function tileCeiling(reps: i32): void {
  for (let i = 0; i < MR * KC; i++) store<f32>(scratchA + (<usize>i << 2), 0.5);
  for (let i = 0; i < NR * KC; i++) store<f32>(scratchB + (<usize>i << 2), 0.25);
  for (let r = 0; r < reps; r++) tile(scratchB, 0, KC, scratchTile, NR, MR, NR, 0, true);
}
