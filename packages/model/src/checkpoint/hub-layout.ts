// GPT-2 as the Hugging Face Hub lays it out, for writing: the tensor list of model.safetensors in
// either of the Hub's forms — gpt2's (GPT2Model names without "transformer.", plus the causal-mask
// buffers h.N.attn.bias (1, 1, n, n) and h.N.attn.masked_bias ()) or distilgpt2's (GPT2LMHeadModel
// names with "transformer." and a tied lm_head.weight copy) — in any float dtype, and config.json
// with the keys of openai-community/gpt2's file. Tensors are lazy (see safetensorsParts), so a
// big model streams to disk. glassbox's own checkpoints use saveCheckpoint; this is for handing a
// model to tools that expect the Hub's exact layout, and for building test and benchmark folders.

import { type GPTConfig, layerNormEpsilon } from '../gpt/config.js';
import { paramSpecs } from '../gpt/params.js';
import type { FloatDtype } from './dtypes.js';
import type { LazyTensor } from './safetensors.js';

export interface HubLayoutOptions {
  /** distilgpt2's form: "transformer." names plus lm_head.weight (default: gpt2's form). */
  prefixed?: boolean;
  /** Write the causal-mask buffers (default true, as gpt2's file has them). */
  buffers?: boolean;
  /** How every tensor is stored (default F32). */
  dtype?: FloatDtype;
}

/** The tensors of model.safetensors; `weight(name, shape)` is called for each when it is written. */
export function hubLayoutTensors(
  config: GPTConfig,
  weight: (name: string, shape: number[]) => Float32Array,
  opts: HubLayoutOptions = {},
): LazyTensor[] {
  const { prefixed = false, buffers = true, dtype = 'F32' } = opts;
  const p = prefixed ? 'transformer.' : '';
  const n = config.blockSize;
  const out: LazyTensor[] = [];
  for (const s of paramSpecs(config)) {
    out.push({ name: p + s.name, shape: s.shape, dtype, data: () => weight(s.name, s.shape) });
    const layer = /^h\.(\d+)\.mlp\.c_proj\.bias$/.exec(s.name);
    if (layer && buffers) {
      const h = `${p}h.${layer[1]}.attn.`;
      out.push(
        {
          name: `${h}bias`,
          shape: [1, 1, n, n],
          dtype,
          data: () => Float32Array.from({ length: n * n }, (_, i) => (i % n <= Math.floor(i / n) ? 1 : 0)),
        },
        { name: `${h}masked_bias`, shape: [], dtype, data: () => Float32Array.of(-1e4) },
      );
    }
  }
  if (prefixed) {
    const wte = [config.vocabSize, config.nEmbd];
    out.push({ name: 'lm_head.weight', shape: wte, dtype, data: () => weight('wte.weight', wte) });
  }
  return out;
}

/** config.json with the keys of the Hub's gpt2 file (dropouts, summary_*, n_ctx, …), for any shape. */
export function hubConfigJSON(c: GPTConfig, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const eos = Math.min(50256, c.vocabSize - 1);
  return {
    activation_function: 'gelu_new',
    architectures: ['GPT2LMHeadModel'],
    attn_pdrop: 0.1,
    bos_token_id: eos,
    embd_pdrop: 0.1,
    eos_token_id: eos,
    initializer_range: 0.02,
    layer_norm_epsilon: layerNormEpsilon(c),
    model_type: 'gpt2',
    n_ctx: c.blockSize,
    n_embd: c.nEmbd,
    n_head: c.nHead,
    n_layer: c.nLayer,
    n_positions: c.blockSize,
    resid_pdrop: 0.1,
    summary_activation: null,
    summary_first_dropout: 0.1,
    summary_proj_to_labels: true,
    summary_type: 'cls_index',
    summary_use_proj: true,
    task_specific_params: { 'text-generation': { do_sample: true, max_length: 50 } },
    vocab_size: c.vocabSize,
    ...extra,
  };
}
