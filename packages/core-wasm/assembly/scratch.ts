// Scratch space the kernels need inside linear memory (matmul packing buffers, an edge tile,
// attention backward's (T, T) gradients of one (batch, head) pair).
// The host's arena reserves SCRATCH_BYTES once and hands the address to init(); the kernels
// never allocate. Keeping this the single place that knows the layout avoids overlaps.

// Matmul blocking: a 4×8 register tile; B packed in KC×NC blocks (512 KiB, inside L2 here).
export const MR = 4;
export const NR = 8;
export const KC = 256;
export const NC = 512;

export let scratchTile: usize = 0; // 32 floats of tile + 8 floats of bias padding (256 B reserved)
export let scratchA: usize = 0; // MR × KC floats
export let scratchB: usize = 0; // KC × NC floats
/** The longest sequence whose (T, T) attention-gradient scratch is the thread's own (256 KiB). */
export const ATT_T = 256;
export let scratchAtt: usize = 0; // ATT_T × ATT_T floats

export function scratchBytes(): i32 {
  return 16 + 256 + MR * KC * 4 + KC * NC * 4 + ATT_T * ATT_T * 4;
}

export function init(base: usize): void {
  scratchTile = (base + 15) & ~15;
  scratchA = scratchTile + 256;
  scratchB = scratchA + <usize>(MR * KC * 4);
  scratchAtt = scratchB + <usize>(KC * NC * 4);
}

/** First address the host may use; AssemblyScript's static data ends below it. */
export function heapBase(): usize {
  return __heap_base;
}
