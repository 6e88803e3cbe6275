// A hook on the GPT's four linear layers per block (attn.c_attn, attn.c_proj, mlp.c_fc,
// mlp.c_proj): whatever is attached adds its own output after each layer's forward and its own
// input gradient after each layer's backward. LoRA (finetune/lora.ts) is the adapter glassbox
// ships; the model knows only this interface. An adapter that freezes the base may also train some
// rows of the embedding (embeddingRows). Not handled: hooks on the LayerNorms or position embedding.

import type { Ptr } from '@glassbox/core-wasm';

/** The linear layers of a block, as named in Hugging Face GPT-2 (`h.N.` + this). */
export const LINEAR_LAYERS = ['attn.c_attn', 'attn.c_proj', 'mlp.c_fc', 'mlp.c_proj'] as const;
export type LinearLayer = (typeof LINEAR_LAYERS)[number];

/** The (K, N) shape of a linear layer's weight (Conv1D layout: in, out) for a model width C. */
export function linearShape(layer: LinearLayer, C: number): [number, number] {
  if (layer === 'attn.c_attn') return [C, 3 * C];
  if (layer === 'mlp.c_fc') return [C, 4 * C];
  if (layer === 'mlp.c_proj') return [4 * C, C];
  return [C, C];
}

export interface LinearAdapter {
  /**
   * True when the base model's weights are frozen while the adapter trains: backward then skips
   * the weight and bias gradients of the linear layers (the largest share of backward's work).
   */
  readonly freezesBase: boolean;
  /** After `out (M, N) = inp (M, K) · W + b` of layer `name` (e.g. "h.0.attn.c_attn"): add to out. */
  forward(name: string, out: Ptr, inp: Ptr, M: number): void;
  /**
   * After the layer's backward wrote dinp (M, K) from dout (M, N): add the adapter's share to dinp
   * and accumulate the adapter's own gradients. `inp` is the same input forward saw.
   */
  backward(name: string, dinp: Ptr, dout: Ptr, inp: Ptr, M: number): void;
  /** Zeroes the adapter's gradients (GPT.zeroGrad calls it). */
  zeroGrad(): void;
  /** Start of every forward pass: copy in any parameters the adapter keeps on the model's behalf. */
  beforeForward?(): void;
  /**
   * Rows of wte the adapter trains (token ids `from` … V − 1) and where their gradient (V − from, C)
   * accumulates. With a frozen base, these are the only embedding gradients backward computes:
   * from the output head and from the input positions holding those tokens.
   */
  readonly embeddingRows?: { from: number; grad: Ptr };
}
