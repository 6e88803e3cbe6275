// Small compositions of kernels that every implementation shares.

import type { Ptr } from './arena.js';
import type { Kernels } from './kernels.js';

/**
 * Global gradient-norm clipping over one contiguous gradient buffer (all parameters' gradients
 * live in one allocation): if ‖g‖₂ > maxNorm, scale g by maxNorm/‖g‖₂. Returns the norm before
 * clipping, which is what training logs report.
 */
export function clipGradNorm(k: Kernels, grads: Ptr, n: number, maxNorm: number): number {
  const norm = Math.sqrt(k.sumSquares(grads, n));
  if (maxNorm > 0 && norm > maxNorm) k.scale(grads, n, maxNorm / (norm + 1e-6));
  return norm;
}
