// The thin-matrix path of matmul: C (+)= op(A)·op(B) [+ bias] when K ≤ 32 or N ≤ 32 — LoRA's
// rank-r adapters and the attention products of small heads — or when M ≤ 16 with B stored K × N:
//   thin N  x (M,C)·A (C,r), dout (M,N)·Bᵀ (N,r)ᵀ, x (K,M)ᵀ·du (K,r), att (T,T)·v (T,hs)
//   thin K  u (M,r)·B (r,N), du (M,r)·A (C,r)ᵀ,     q (T,hs)·k (T,hs)ᵀ
//   thin M  u (K,r)ᵀ·dout (K,N): LoRA's gradient of B
// matmul.ts sends such a product here from matmulBlock, so every caller (the layers, attention,
// the threads' row or column blocks) takes it without knowing.
//
// Why a second path: the general kernel packs every 4-row panel of A into k-major strips before
// its 4×8 micro-kernel sweeps the panels of B. With N ≤ 32 a panel of A is used by at most four
// 8-column tiles, so the packing (a pass over all of A) costs as much as the arithmetic; with
// K ≤ 32 every tile sums only a few products and its set-up and the store of C dominate. Here A
// is read in place — a 4×8 tile broadcasts A(i, k) straight from A's rows (A·B, A·Bᵀ: k
// contiguous, the loop unrolled by 4) or from its columns (Aᵀ·B: the four rows adjacent) — and B
// is packed exactly as the general kernel packs it (or taken already packed from the threads).
// Only a ragged last row panel (fewer than 4 rows) is packed, zero-padded, into scratch.
// With M ≤ 16 the roles turn: B (K × N, all of it) would be packed for at most four row panels,
// so the few panels of A are packed and B is read in place from its rows, 8 columns at a time
// (only a ragged last panel of fewer than 8 columns is packed).
//
// Numbers are the general kernel's, bit for bit: the same KC = 256 blocks of k, and for every
// output element and block the same sum in the same order,
//   acc = 0; acc += A(i,k)·B(k,j) for k ascending (a multiply, then an add: no fused multiply-add)
//   first block: C = acc + bias (or C += acc + bias when accumulating); later blocks: C += acc
// over the same k range per 4-row panel when op(A) is triangular (the causal shortcuts), writing
// the same elements when only C's lower triangle is wanted. Only the order in which whole tiles
// are computed and where A and B are read from differ. Not handled here: K > 32 with N > 32 and
// M > 16 or B transposed (the general path), K ≤ 0 (matmulBlock's empty product).

import { CAUSAL_A_LOWER, CAUSAL_A_UPPER, CAUSAL_C_LOWER, packBAll, packedOffset, storeTile } from './matmul';
import { KC, MR, NC, NR, scratchA, scratchB, scratchTile } from './scratch';

/** The widest K or N the thin path takes. */
export const THIN = 32;

/** 1: thin products take this path; 0: the general kernel does everything (tests, benchmarks). */
let thinOn: i32 = 1;

/** Blocks this instance ran on the thin path: lets tests see that it was taken. */
let thinRuns: i32 = 0;

/** Switches the thin path on or off for this instance (each thread's instance has its own). */
export function useThinMatmul(on: i32): void {
  thinOn = on;
}

export function thinMatmulRuns(): i32 {
  return thinRuns;
}

/** Whether the thin path takes a product of this shape. */
@inline export function isThin(K: i32, N: i32): bool {
  return thinOn != 0 && K > 0 && (K <= THIN || N <= THIN);
}

/** The most rows for which B is read in place rather than packed (matmulFewRowsBlock). */
export const FEW_ROWS = 16;

/**
 * Whether a product of M rows is better done reading B in place: few rows, B stored K × N (rows
 * of B hold 8 contiguous columns), no causal shortcut and no shared packing of B.
 */
@inline export function isFewRows(M: i32, K: i32, transB: i32, causal: i32, packed: usize): bool {
  return thinOn != 0 && K > 0 && M <= FEW_ROWS && !transB && causal == 0 && packed == 0;
}

/**
 * A panel of mr ≤ 4 rows and kc k's copied k-major, 4 wide, zero-padded: A(i0+r, k0+k) at
 * scratchA[k·4 + r] (the general kernel's packing of A, for the few panels that take it here).
 */
function packPanelA(a: usize, lda: i32, transA: i32, i0: i32, k0: i32, mr: i32, kc: i32): void {
  if (mr == MR && transA) {
    let src = a + ((<usize>k0 * lda + i0) << 2);
    for (let k = 0; k < kc; k++) {
      v128.store(scratchA + (<usize>k << 4), v128.load(src));
      src += <usize>lda << 2;
    }
    return;
  }
  if (mr == MR) {
    const r0 = a + ((<usize>i0 * lda + k0) << 2);
    const rs = <usize>lda << 2;
    let k = 0;
    // Four k's at a time: a 4×4 block of the rows transposed in registers.
    for (; k + 4 <= kc; k += 4) {
      const o = <usize>k << 2;
      const x = v128.load(r0 + o), y = v128.load(r0 + rs + o);
      const z = v128.load(r0 + 2 * rs + o), w = v128.load(r0 + 3 * rs + o);
      const t0 = v128.shuffle<f32>(x, y, 0, 4, 1, 5);
      const t1 = v128.shuffle<f32>(x, y, 2, 6, 3, 7);
      const t2 = v128.shuffle<f32>(z, w, 0, 4, 1, 5);
      const t3 = v128.shuffle<f32>(z, w, 2, 6, 3, 7);
      const d = scratchA + (<usize>k << 4);
      v128.store(d, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
      v128.store(d, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7), 16);
      v128.store(d, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5), 32);
      v128.store(d, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7), 48);
    }
    for (; k < kc; k++) {
      const d = scratchA + (<usize>k << 4);
      const o = <usize>k << 2;
      store<f32>(d, load<f32>(r0 + o));
      store<f32>(d, load<f32>(r0 + rs + o), 4);
      store<f32>(d, load<f32>(r0 + 2 * rs + o), 8);
      store<f32>(d, load<f32>(r0 + 3 * rs + o), 12);
    }
    return;
  }
  for (let k = 0; k < kc; k++) {
    const d = scratchA + (<usize>k << 4);
    for (let r = 0; r < MR; r++) {
      let v: f32 = 0;
      if (r < mr) {
        v = transA
          ? load<f32>(a + ((<usize>(k0 + k) * lda + i0 + r) << 2))
          : load<f32>(a + ((<usize>(i0 + r) * lda + k0 + k) << 2));
      }
      store<f32>(d + (<usize>r << 2), v);
    }
  }
}

// Aᵀ·B reads A (stored K × M) down its columns: the four rows of a tile are 16 bytes of a cache
// line at every k, and the row panels after it want the rest of the same lines. With rows a
// multiple of 4 KiB-ish apart, a long k loop evicts those lines from L1 before the next panel
// comes (the lines fall into a few cache sets), so every panel would fetch them again. Instead the
// lines of 16 rows (one cache line per k) are copied once per block into a k-major strip that
// stays in L1 for its four row panels.
const STRIP = 16;
/** Blocks with at most this many k's read A in place (their lines stay in L1 anyway). */
const STRIP_MIN_K = 32;

/** The strip lives in the upper half of scratchB: thin products pack at most 64 KiB of B there. */
@inline function stripA(): usize {
  return scratchB + (<usize>(KC * NC) << 1);
}

/** A(r0 + r, k0 + k) for r < 16, k < kc, from A stored K × M, into the strip at [k·16 + r]. */
function packStrip(a: usize, lda: i32, r0: i32, k0: i32, kc: i32): void {
  const dst = stripA();
  let src = a + ((<usize>k0 * lda + r0) << 2);
  const step = <usize>lda << 2;
  for (let k = 0; k < kc; k++) {
    const d = dst + (<usize>k << 6);
    v128.store(d, v128.load(src));
    v128.store(d, v128.load(src, 16), 16);
    v128.store(d, v128.load(src, 32), 32);
    v128.store(d, v128.load(src, 48), 48);
    src += step;
  }
}

/**
 * One 4×8 tile with A read along its rows: A(r, k) at pa + r·rs + 4k (rows rs bytes apart, k
 * contiguous), B a packed 8-column panel (k-major, 32 bytes per k). Not unrolled: V8 schedules
 * an unrolled body's loads first and then spills the accumulators.
 */
@inline function tileRows(
  pa: usize, rs: usize, pb: usize, kc: i32, c: usize, ldc: i32, mr: i32, nr: i32, bias: usize, overwrite: bool,
): void {
  let p0 = pa, p1 = pa + rs, p2 = pa + 2 * rs, p3 = pa + 3 * rs;
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const end = pb + (<usize>kc << 5);
  while (pb < end) {
    const b0 = v128.load(pb), b1 = v128.load(pb, 16);
    let a = v128.load32_splat(p0);
    c00 = f32x4.add(c00, f32x4.mul(a, b0)); c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(p1);
    c10 = f32x4.add(c10, f32x4.mul(a, b0)); c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(p2);
    c20 = f32x4.add(c20, f32x4.mul(a, b0)); c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(p3);
    c30 = f32x4.add(c30, f32x4.mul(a, b0)); c31 = f32x4.add(c31, f32x4.mul(a, b1));
    p0 += 4; p1 += 4; p2 += 4; p3 += 4;
    pb += 32;
  }
  storeTile(c, ldc, mr, nr, bias, overwrite, c00, c01, c10, c11, c20, c21, c30, c31);
}

/**
 * One 4×8 tile over kc values of k, A and B each read with its own step: A(r, k) at pa + 4r + k·aStep
 * (the four rows adjacent) and B(k, j) at pb + 4j + k·bStep (eight columns adjacent). Read down A's
 * columns (Aᵀ·B with aStep = 4·lda, or a packed edge panel with aStep = 16) against a packed B panel
 * (bStep = 32), or a packed A panel (aStep = 16) against B read in place along its rows (bStep = 4·ldb).
 */
@inline function tileStrided(
  pa: usize, aStep: usize, pb: usize, bStep: usize, kc: i32, c: usize, ldc: i32, mr: i32, nr: i32, bias: usize, overwrite: bool,
): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const end = pa + <usize>kc * aStep;
  while (pa < end) {
    const b0 = v128.load(pb), b1 = v128.load(pb, 16);
    let a = v128.load32_splat(pa);
    c00 = f32x4.add(c00, f32x4.mul(a, b0)); c01 = f32x4.add(c01, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 4);
    c10 = f32x4.add(c10, f32x4.mul(a, b0)); c11 = f32x4.add(c11, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 8);
    c20 = f32x4.add(c20, f32x4.mul(a, b0)); c21 = f32x4.add(c21, f32x4.mul(a, b1));
    a = v128.load32_splat(pa, 12);
    c30 = f32x4.add(c30, f32x4.mul(a, b0)); c31 = f32x4.add(c31, f32x4.mul(a, b1));
    pa += aStep;
    pb += bStep;
  }
  storeTile(c, ldc, mr, nr, bias, overwrite, c00, c01, c10, c11, c20, c21, c30, c31);
}

/**
 * Rows [i0, i1) and columns [j0, j1) of a product with few rows (isFewRows): the general kernel's
 * loops — blocks of NC columns, blocks of KC k's, 4-row panels, 8-column panels — with each panel
 * of A packed and B read where it lies.
 */
export function matmulFewRowsBlock(
  c: usize, a: usize, b: usize, bias: usize,
  K: i32, transA: i32, accumulate: i32,
  lda: i32, ldb: i32, ldc: i32,
  i0: i32, i1: i32, j0: i32, j1: i32,
): void {
  thinRuns++;
  const biasTile = scratchTile + 128; // 8 floats: bias for a ragged last panel, zero-padded
  const bs = <usize>ldb << 2;
  const rowPanels = (i1 - i0 + MR - 1) / MR;
  // The row panels of A, packed side by side in the upper half of scratchB (at most 4 × KC × 4
  // floats); a ragged last panel of B goes to its start.
  const aPanels = stripA();
  for (let n0 = j0; n0 < j1; n0 += NC) {
    const nc = min(NC, j1 - n0);
    const full = nc / NR;
    for (let k0 = 0; k0 < K; k0 += KC) {
      const kc = min(KC, K - k0);
      const first = k0 == 0;
      const overwrite = first && !accumulate;
      const useBias = first && bias != 0;
      const panelBytes = <usize>(kc * MR) << 2;
      for (let q = 0; q < rowPanels; q++) {
        const r0 = i0 + q * MR;
        packPanelA(a, lda, transA, r0, k0, min(MR, i1 - r0), kc);
        memory.copy(aPanels + <usize>q * panelBytes, scratchA, panelBytes);
      }
      // Each 8-column panel of B, read from its rows once, meets every row panel while in L1.
      for (let p = 0; p < full; p++) {
        const c0 = n0 + p * NR;
        const pb = b + ((<usize>k0 * ldb + c0) << 2);
        const bp = useBias ? bias + (<usize>c0 << 2) : 0;
        for (let q = 0; q < rowPanels; q++) {
          const r0 = i0 + q * MR;
          const cp = c + ((<usize>r0 * ldc + c0) << 2);
          const pa = aPanels + <usize>q * panelBytes;
          if (r0 + MR <= i1) tileStrided(pa, 16, pb, bs, kc, cp, ldc, MR, NR, bp, overwrite);
          else tileStrided(pa, 16, pb, bs, kc, cp, ldc, i1 - r0, NR, bp, overwrite);
        }
      }
      const nr = nc - full * NR;
      if (nr > 0) {
        // A ragged last panel: packed (zero-padded to 8 columns) and swept like a packed one.
        const c0 = n0 + full * NR;
        packBAll(scratchB, b + ((<usize>k0 * ldb + c0) << 2), ldb, 0, kc, nr);
        let bp: usize = 0;
        if (useBias) {
          for (let j = 0; j < NR; j++) store<f32>(biasTile + (<usize>j << 2), j < nr ? load<f32>(bias + (<usize>(c0 + j) << 2)) : 0);
          bp = biasTile;
        }
        for (let q = 0; q < rowPanels; q++) {
          const r0 = i0 + q * MR;
          const pa = aPanels + <usize>q * panelBytes;
          tileStrided(pa, 16, scratchB, 32, kc, c + ((<usize>r0 * ldc + c0) << 2), ldc, min(MR, i1 - r0), nr, bp, overwrite);
        }
      }
    }
  }
}

/**
 * Rows [i0, i1) and columns [j0, j1) of a thin product, with matmulBlock's arguments (the caller
 * checked isThin and K > 0). The loops are the general kernel's — blocks of NC columns, blocks of
 * KC k's, 4-row panels, 8-column panels — so ragged edges, the bias of a ragged last panel and the
 * causal shortcuts fall exactly where they fall there.
 */
export function matmulThinBlock(
  c: usize, a: usize, b: usize, bias: usize,
  M: i32, K: i32, N: i32,
  transA: i32, transB: i32, accumulate: i32,
  lda: i32, ldb: i32, ldc: i32,
  i0: i32, i1: i32, j0: i32, j1: i32,
  causal: i32, packed: usize,
): void {
  thinRuns++;
  const biasTile = scratchTile + 128; // 8 floats: bias for a ragged last panel, zero-padded
  const rowBytes = <usize>lda << 2; // between consecutive rows of A (A·B) or k's (Aᵀ·B)
  for (let n0 = j0; n0 < j1; n0 += NC) {
    const nc = min(NC, j1 - n0);
    for (let k0 = 0; k0 < K; k0 += KC) {
      const kc = min(KC, K - k0);
      const first = k0 == 0;
      let bBlock = scratchB;
      if (packed) bBlock = packed + (packedOffset(n0, k0, K, N) << 2);
      else {
        // The block (kc × nc) packed as if it were all of B: the general kernel's block layout.
        const at = transB ? <usize>n0 * ldb + k0 : <usize>k0 * ldb + n0;
        packBAll(scratchB, b + (at << 2), ldb, transB, kc, nc);
      }
      let stripR0 = -1; // the first row of the strip of A copied for this block (Aᵀ·B), or -1
      for (let r0 = i0; r0 < i1; r0 += MR) {
        const mr = min(MR, i1 - r0);
        let ks = 0, ke = kc;
        if (causal == CAUSAL_A_LOWER) ke = min(kc, r0 + mr - k0);
        else if (causal == CAUSAL_A_UPPER) ks = max(0, r0 - k0);
        if (ke <= ks && !first) continue;
        const ks0 = max(ks, 0);
        const n = max(ke - ks, 0);
        // Where A(r0, k0 + ks0) is, and how the tile walks from there.
        const edge = mr < MR;
        let pa: usize;
        let kStep = rowBytes; // Aᵀ·B: bytes from one k to the next
        if (edge || kc <= THIN) {
          // A ragged panel, or a short k loop (thin K) whose panel of A every tile of the row
          // reads again: copied once, k-major and 4 wide, it is read with one pointer.
          packPanelA(a, lda, transA, r0, k0, mr, kc);
          pa = scratchA + (<usize>ks0 << 4);
          kStep = 16;
        } else if (transA) {
          if (kc > STRIP_MIN_K && (stripR0 < 0 || r0 >= stripR0 + STRIP) && r0 + STRIP <= i1) {
            packStrip(a, lda, r0, k0, kc);
            stripR0 = r0;
          }
          if (stripR0 >= 0 && r0 >= stripR0 && r0 < stripR0 + STRIP) {
            pa = stripA() + (<usize>(ks0 * STRIP + r0 - stripR0) << 2);
            kStep = STRIP << 2;
          } else pa = a + ((<usize>(k0 + ks0) * lda + r0) << 2);
        } else pa = a + ((<usize>r0 * lda + k0 + ks0) << 2);
        // The 8-column panels this row panel computes: all of them, or those not wholly above
        // the diagonal (c0 < r0 + mr) when only C's lower triangle is wanted.
        let panels = (nc + NR - 1) / NR;
        if (causal == CAUSAL_C_LOWER) panels = min(panels, max(0, (r0 + mr - n0 + NR - 1) / NR));
        const full = edge ? 0 : min(panels, nc / NR);
        const overwrite = first && !accumulate;
        const useBias = first && bias != 0;
        const panelBytes = <usize>(kc * NR) << 2;
        let pb = bBlock + (<usize>(ks0 * NR) << 2);
        let cp = c + ((<usize>r0 * ldc + n0) << 2);
        let bp = useBias ? bias + (<usize>n0 << 2) : 0;
        // Whole 4×8 tiles: the edge checks fold away (mr, nr are constants here).
        if (transA || kStep == 16) {
          for (let p = 0; p < full; p++) {
            tileStrided(pa, kStep, pb, 32, n, cp, ldc, MR, NR, bp, overwrite);
            pb += panelBytes; cp += 32;
            if (useBias) bp += 32;
          }
        } else {
          for (let p = 0; p < full; p++) {
            tileRows(pa, rowBytes, pb, n, cp, ldc, MR, NR, bp, overwrite);
            pb += panelBytes; cp += 32;
            if (useBias) bp += 32;
          }
        }
        // Then the ragged ones: fewer than 4 rows (A packed) or fewer than 8 columns.
        for (let p = full; p < panels; p++) {
          const c0 = n0 + p * NR;
          const nr = min(NR, n0 + nc - c0);
          bp = 0;
          if (useBias) {
            for (let j = 0; j < NR; j++) store<f32>(biasTile + (<usize>j << 2), j < nr ? load<f32>(bias + (<usize>(c0 + j) << 2)) : 0);
            bp = biasTile;
          }
          pb = bBlock + (<usize>(p * kc * NR + ks0 * NR) << 2);
          cp = c + ((<usize>r0 * ldc + c0) << 2);
          if (transA || kStep == 16) tileStrided(pa, kStep, pb, 32, n, cp, ldc, mr, nr, bp, overwrite);
          else tileRows(pa, rowBytes, pb, n, cp, ldc, mr, nr, bp, overwrite);
        }
      }
    }
  }
}
