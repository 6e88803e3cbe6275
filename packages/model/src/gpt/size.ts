// A model's memory, estimated from its shape before anything is allocated, and checked against
// WebAssembly's limits: one memory holds at most 4 GiB (65,536 pages of 64 KiB), and the shared
// memory the threaded kernels use is created with at most 2 GiB. A shape that cannot fit is
// refused by naming the field that makes it too big, instead of hanging or crashing while the
// arena grows. The estimate counts f32 numbers (4 bytes each):
//   parameters P = parameterCount(config)
//   training:  + P gradients (+ 2P AdamW moments, with an optimizer)
//   activations for a batch of B×T tokens, per layer kept for backward (one set when inferring):
//     B·T·(16·C + 4) + B·nHead·T²     (ln1, qkv, atty, res2, ln2, fch, fchGelu, res3; attention)
//     + B·T·4C when training          (what GELU's forward keeps for its backward)
//   plus B·T·(4·C + V + 4) for the embeddings, final LayerNorm, scratch and logits.
// It is an estimate (kernels' scratch, the tokenizer and JS objects are not counted), so it
// catches shapes that are absurd for this machine's WebAssembly, not ones that merely swap.

import { GlassboxError } from '../util/errors.js';
import { type GPTConfig, parameterCount } from './config.js';

export const WASM_MEMORY_BYTES = 4 * 2 ** 30;
export const SHARED_MEMORY_BYTES = 2 * 2 ** 30;

export interface SizeOptions {
  /** Gradients for the parameters (a model created for training). */
  training?: boolean;
  /** AdamW's two moments per parameter. */
  optimizer?: boolean;
  /** A batch of B sequences of T tokens (activations). */
  batch?: { B: number; T: number };
  /** Threaded kernels: the shared memory's 2 GiB limit applies. */
  shared?: boolean;
  /** The file the config came from (its fields then named as in config.json). */
  where?: string;
}

/** Bytes of the model's arena: parameters, gradients, optimizer moments, activations. */
export function modelBytes(c: GPTConfig, opts: SizeOptions = {}): { weights: number; activations: number } {
  const P = parameterCount(c);
  const weights = 4 * P * (1 + (opts.training ? 1 : 0) + (opts.optimizer ? 2 : 0));
  let activations = 0;
  if (opts.batch) {
    const { B, T } = opts.batch;
    const C = c.nEmbd;
    const perLayer = B * T * ((opts.training ? 20 : 16) * C + 4) + B * c.nHead * T * T;
    activations = 4 * ((opts.training ? c.nLayer : 1) * perLayer + B * T * (4 * C + c.vocabSize + 4));
  }
  return { weights, activations };
}

/** The config.json names of the shape fields. */
const HUB_NAMES = { vocabSize: 'vocab_size', blockSize: 'n_positions', nLayer: 'n_layer', nEmbd: 'n_embd' };
/** GPT-2 XL's shape: how outsized each field is is measured against it. */
const XL = { vocabSize: 50257, blockSize: 1024, nLayer: 48, nEmbd: 1600 };

/** Refuses a shape whose memory cannot fit in WebAssembly, naming the field most out of proportion. */
export function checkModelSize(c: GPTConfig, opts: SizeOptions = {}): void {
  const limit = opts.shared ? SHARED_MEMORY_BYTES : WASM_MEMORY_BYTES;
  const { weights, activations } = modelBytes(c, opts);
  if (weights + activations <= limit) return;
  const gib = (b: number) => (b / 2 ** 30).toPrecision(3);
  const what = opts.shared
    ? "the threaded kernels' shared memory holds at most 2 GiB"
    : "WebAssembly's memory holds at most 4 GiB";
  if (activations > weights && opts.batch) {
    throw new GlassboxError(
      `a batch of ${opts.batch.B}×${opts.batch.T} tokens needs about ${gib(activations)} GiB of activations besides ${gib(weights)} GiB of weights, and ${what}; use a smaller batchSize or blockSize`,
      { field: 'batchSize' },
    );
  }
  const key = (Object.keys(XL) as (keyof typeof XL)[]).reduce((a, b) =>
    c[b] / XL[b] > c[a] / XL[a] ? b : a,
  );
  const size = `a model of ${parameterCount(c).toExponential(2)} parameters, about ${gib(weights + activations)} GiB${opts.training ? ' with its gradients' : ''}${opts.optimizer ? ' and optimizer state' : ''}${activations ? ' and activations' : ''}`;
  const fitsAlone = opts.shared && weights + activations <= WASM_MEMORY_BYTES;
  if (c[key] <= XL[key]) {
    // No field is out of proportion (GPT-2 itself, trained in full): say what would fit instead.
    throw new GlassboxError(
      `${size}, and ${what}; ${fitsAlone ? 'on one thread (threads 1) it fits in 4 GiB, or ' : ''}train adapters (LoRA) instead of every weight, or a smaller batchSize or blockSize`,
      opts.where ?? { field: fitsAlone ? 'threads' : 'batchSize' },
    );
  }
  const name = opts.where ? HUB_NAMES[key] : key;
  throw new GlassboxError(
    `${name} ${c[key]} makes ${size}, and ${what}; choose a smaller ${name}`,
    opts.where ? opts.where : { field: key },
  );
}
