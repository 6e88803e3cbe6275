// Merging LoRA into the weights: W ← W + s · A · B for every adapted layer, after which the plain
// model (no adapter, KV-cache generation, any GPT-2 reader) computes what the adapted one did, up
// to f32 rounding. mergeLoRA does it for good; withMergedLoRA does it for the length of a call
// (saving a checkpoint mid-training) and then puts back the exact base bits it kept aside.

import type { LoRA } from './lora.js';

/** Adds every adapter's update into the model's weights (and syncs the trained wte rows). */
function addUpdates(lora: LoRA): void {
  const { model, params, scale } = lora;
  const k = model.kernels;
  const r = lora.config.rank;
  lora.syncRows();
  for (const [name, [K, N]] of lora.layers()) {
    const scratch = k.arena.scope();
    try {
      const sA = scratch.alloc([K, r]); // (K, r)
      sA.data.set(params.get(`${name}.lora_A`).data);
      k.scale(sA.ptr, K * r, scale);
      const w = model.params.get(`${name}.weight`).ptr; // (K, N)
      k.matmul({ c: w, a: sA.ptr, b: params.get(`${name}.lora_B`).ptr, m: K, k: r, n: N, accumulate: true });
    } finally {
      scratch.dispose();
    }
  }
}

/** Merges the adapters into the model's weights for good and detaches them. */
export function mergeLoRA(lora: LoRA): void {
  addUpdates(lora);
  lora.detach();
}

/**
 * Runs `fn` on the model with the adapters merged in and detached (e.g. to save an exported
 * checkpoint), then restores the base weights bit for bit and re-attaches the adapters.
 */
export function withMergedLoRA<T>(lora: LoRA, fn: () => T): T {
  const { model } = lora;
  const kept = lora.layers().map(([name]) => {
    const w = model.params.get(`${name}.weight`);
    return [w, w.data.slice()] as const;
  });
  const attached = model.adapter === lora;
  addUpdates(lora);
  lora.detach();
  try {
    return fn();
  } finally {
    for (const [w, bits] of kept) w.data.set(bits);
    if (attached) lora.attach();
  }
}
