// Aᵀ·B with at most 8 columns — LoRA's gradient of A, xᵀ·du: x (K, M) and du (K, r) — computed
// the other way round, as Cᵀ (N, M) = Bᵀ·A, then stored transposed into C.
//
// Why: read as Aᵀ, A (stored K × M, rows of M floats) is walked down its columns, 16 bytes of a
// row per k, and every block of k streams all of A's rows from memory in that strided order (the
// thin path copies strips of it first; 768×512×8 ran at 24 GFLOP/s, the general kernel too). As
// the right-hand side of Bᵀ·A it is read along its rows, contiguous, by the few-rows path
// (matmul-thin.ts matmulFewRowsBlock: Bᵀ has N ≤ 8 rows), which runs such shapes at about 34.
//
// Numbers are the general kernel's, bit for bit: each block of KC k's gives, for every element,
//   acc = 0; acc += B(k, j)·A(k, i) for k ascending
// — the same products (a multiply is commutative, exactly) added in the same order — into a
// transposed scratch T, which is then stored into C as a tile store would: C = acc + bias (first
// block, with bias) or C += that, later blocks C += acc. Not handled here: N > 8, causal shortcuts
// (attention's Aᵀ·B go through the thin path).

import { isFewRows, matmulFewRowsBlock } from './matmul-thin';
import { KC, NC, scratchB } from './scratch';

/** The most columns of C that take this path. */
const SWAP_N = 8;
/** Rows of C per piece: T (N × rows) stays within 64 KiB. */
const SWAP_ROWS = 2048;

/** Whether op(A)·op(B) over rows [i0, i1) and columns [j0, j1) goes this way. */
@inline export function isSwapped(transA: i32, causal: i32, K: i32, i0: i32, i1: i32, j0: i32, j1: i32): bool {
  return transA != 0 && causal == 0 && K > 0 && j1 - j0 <= SWAP_N && i1 - i0 > SWAP_N && isFewRows(j1 - j0, K, 0, 0, 0);
}

/** T, the transposed block: in scratchB past the few-rows path's ragged panel, below its A panels. */
@inline function scratchT(): usize {
  return scratchB + (<usize>(KC * 8) << 2);
}

/**
 * Rows [i0, i1) and columns [j0, j1) of C (+)= Aᵀ·op(B) [+ bias], with matmulBlock's arguments
 * (A stored K × M; B stored K × N, or N × K when transB).
 */
export function matmulSwappedBlock(
  c: usize, a: usize, b: usize, bias: usize,
  K: i32, transB: i32, accumulate: i32,
  lda: i32, ldb: i32, ldc: i32,
  i0: i32, i1: i32, j0: i32, j1: i32,
): void {
  const n = j1 - j0;
  const T = scratchT();
  for (let r0 = i0; r0 < i1; r0 += SWAP_ROWS) {
    const rows = min(SWAP_ROWS, i1 - r0);
    for (let k0 = 0; k0 < K; k0 += KC) {
      const kc = min(KC, K - k0);
      const first = k0 == 0;
      // T (n × rows) = Bᵀ(j0.., k0..)·A(k0.., r0..): Bᵀ is B read transposed (or as stored when
      // B is transposed), A read along its rows from column r0.
      const bt = transB ? b + ((<usize>j0 * ldb + k0) << 2) : b + ((<usize>k0 * ldb + j0) << 2);
      const ar = a + ((<usize>k0 * lda + r0) << 2);
      matmulFewRowsBlock(T, bt, ar, 0, kc, transB ? 0 : 1, 0, ldb, lda, rows, 0, n, 0, rows);
      storeTransposed(c + ((<usize>r0 * ldc + j0) << 2), ldc, T, rows, n, first && bias ? bias + (<usize>j0 << 2) : 0, first && !accumulate);
    }
  }
}

/**
 * C(i, j) for i < rows, j < n from T(j, i) (n × rows): v = T(j, i) [+ bias(j)], then C = v or
 * C += v — storeTile's order of operations. Four rows and four columns at a time, transposed in
 * registers; the rest one by one.
 */
function storeTransposed(c: usize, ldc: i32, T: usize, rows: i32, n: i32, bias: usize, overwrite: bool): void {
  const ts = <usize>rows << 2, cs = <usize>ldc << 2;
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const bv = bias ? v128.load(bias + (<usize>j << 2)) : f32x4.splat(0);
    const t0 = T + <usize>j * ts;
    let i = 0;
    for (; i + 4 <= rows; i += 4) {
      const o = <usize>i << 2;
      const x = v128.load(t0 + o), y = v128.load(t0 + ts + o);
      const z = v128.load(t0 + 2 * ts + o), w = v128.load(t0 + 3 * ts + o);
      const s0 = v128.shuffle<f32>(x, y, 0, 4, 1, 5), s1 = v128.shuffle<f32>(x, y, 2, 6, 3, 7);
      const s2 = v128.shuffle<f32>(z, w, 0, 4, 1, 5), s3 = v128.shuffle<f32>(z, w, 2, 6, 3, 7);
      const dst = c + <usize>i * cs + (<usize>j << 2);
      storeRow(dst, v128.shuffle<f32>(s0, s2, 0, 1, 4, 5), bv, bias, overwrite);
      storeRow(dst + cs, v128.shuffle<f32>(s0, s2, 2, 3, 6, 7), bv, bias, overwrite);
      storeRow(dst + 2 * cs, v128.shuffle<f32>(s1, s3, 0, 1, 4, 5), bv, bias, overwrite);
      storeRow(dst + 3 * cs, v128.shuffle<f32>(s1, s3, 2, 3, 6, 7), bv, bias, overwrite);
    }
    for (; i < rows; i++) for (let jj = j; jj < j + 4; jj++) storeOne(c, ldc, T, rows, i, jj, bias, overwrite);
  }
  for (; j < n; j++) for (let i = 0; i < rows; i++) storeOne(c, ldc, T, rows, i, j, bias, overwrite);
}

/** Four values of a row of C: v = acc [+ bias], then C = v or C += v. */
@inline function storeRow(dst: usize, acc: v128, bv: v128, bias: usize, overwrite: bool): void {
  const v = bias ? f32x4.add(acc, bv) : acc;
  v128.store(dst, overwrite ? v : f32x4.add(v128.load(dst), v));
}

@inline function storeOne(c: usize, ldc: i32, T: usize, rows: i32, i: i32, j: i32, bias: usize, overwrite: bool): void {
  let v = load<f32>(T + ((<usize>j * rows + i) << 2));
  if (bias) v += load<f32>(bias + (<usize>j << 2));
  const dst = c + ((<usize>i * ldc + j) << 2);
  store<f32>(dst, overwrite ? v : load<f32>(dst) + v);
}
