// LoRA adapters as files in PEFT's layout, so they load with Hugging Face PEFT onto the GPT-2 base:
//   adapter_config.json        {peft_type: "LORA", r, lora_alpha, target_modules, fan_in_fan_out: true, …}
//   adapter_model.safetensors  base_model.model.transformer.h.N.<layer>.lora_A.weight (r, K)
//                              base_model.model.transformer.h.N.<layer>.lora_B.weight (N, r)
// PEFT stores the factors as nn.Linear weights (out, in), the transposes of glassbox's A (K, r) and
// B (r, N); fan_in_fan_out tells it the base layers are GPT-2's Conv1D. The embedding rows of added
// tokens, which PEFT has no standard name for, go under glassbox.wte.added (and are also, like
// every update, inside the merged model.safetensors beside these files).

import type { CheckpointFiles } from '../checkpoint/checkpoint.js';
import { decodeSafetensors, encodeSafetensors, type NamedTensor } from '../checkpoint/safetensors.js';
import { LINEAR_LAYERS, type LinearLayer } from '../gpt/adapter.js';
import { GlassboxError } from '../util/errors.js';
import type { LoRA, LoRAConfig } from './lora.js';

export const ADAPTER_FILES = { config: 'adapter_config.json', model: 'adapter_model.safetensors' } as const;

const PREFIX = 'base_model.model.transformer.';
const ADDED_ROWS = 'glassbox.wte.added';

function transpose(data: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = data[i * cols + j];
  return out;
}

export function encodeAdapter(lora: LoRA): CheckpointFiles {
  const r = lora.config.rank;
  const tensors: NamedTensor[] = [];
  for (const [name, [K, N]] of lora.layers()) {
    const A = lora.params.get(`${name}.lora_A`).data; // (K, r)
    const B = lora.params.get(`${name}.lora_B`).data; // (r, N)
    tensors.push({ name: `${PREFIX}${name}.lora_A.weight`, shape: [r, K], data: transpose(A, K, r) });
    tensors.push({ name: `${PREFIX}${name}.lora_B.weight`, shape: [N, r], data: transpose(B, r, N) });
  }
  if (lora.params.byName.has('wte.added')) {
    const t = lora.params.get('wte.added');
    tensors.push({ name: ADDED_ROWS, shape: [...t.shape], data: t.data });
  }
  const config = {
    peft_type: 'LORA',
    task_type: 'CAUSAL_LM',
    r,
    lora_alpha: lora.config.alpha,
    lora_dropout: 0,
    target_modules: [...lora.targets],
    fan_in_fan_out: true,
    bias: 'none',
    inference_mode: true,
    base_model_name_or_path: null,
    glassbox: { trainRowsFrom: lora.trainRowsFrom, seed: lora.config.seed ?? 1337 },
  };
  return {
    [ADAPTER_FILES.config]: new TextEncoder().encode(`${JSON.stringify(config, null, 2)}\n`),
    [ADAPTER_FILES.model]: encodeSafetensors(tensors, { format: 'pt' }),
  };
}

/** Reads adapter files back: the LoRA config and tensors named as the LoRA block names them. */
export function decodeAdapter(
  files: CheckpointFiles,
  where = 'adapter',
): { config: LoRAConfig; tensors: Map<string, NamedTensor> } {
  const cfgBytes = files[ADAPTER_FILES.config];
  const modelBytes = files[ADAPTER_FILES.model];
  if (!cfgBytes || !modelBytes)
    throw new GlassboxError(`missing ${ADAPTER_FILES.config} or ${ADAPTER_FILES.model}`, where);
  let cfg: Record<string, unknown>;
  try {
    cfg = JSON.parse(new TextDecoder().decode(cfgBytes));
  } catch (e) {
    throw new GlassboxError(`not valid JSON (${(e as Error).message})`, `${where}/${ADAPTER_FILES.config}`);
  }
  const targets = cfg.target_modules as LinearLayer[];
  if (
    cfg.peft_type !== 'LORA' ||
    typeof cfg.r !== 'number' ||
    typeof cfg.lora_alpha !== 'number' ||
    !Array.isArray(targets) ||
    !targets.every((t) => LINEAR_LAYERS.includes(t))
  ) {
    throw new GlassboxError(
      `not a LoRA adapter glassbox can load (needs peft_type LORA, r, lora_alpha, target_modules among ${LINEAR_LAYERS.join(', ')})`,
      `${where}/${ADAPTER_FILES.config}`,
    );
  }
  const extra = (cfg.glassbox ?? {}) as { trainRowsFrom?: number; seed?: number };
  const config: LoRAConfig = {
    rank: cfg.r,
    alpha: cfg.lora_alpha,
    targets,
    trainRowsFrom: extra.trainRowsFrom,
    seed: extra.seed,
  };
  const tensors = new Map<string, NamedTensor>();
  for (const [key, t] of decodeSafetensors(modelBytes, `${where}/${ADAPTER_FILES.model}`).tensors) {
    if (key === ADDED_ROWS) tensors.set('wte.added', { ...t, name: 'wte.added' });
    const m = /^base_model\.model\.transformer\.(.+)\.lora_([AB])\.weight$/.exec(key);
    if (!m || t.shape.length !== 2) continue;
    const [rows, cols] = t.shape;
    const name = `${m[1]}.lora_${m[2]}`;
    tensors.set(name, { name, shape: [cols, rows], data: transpose(t.data, rows, cols) });
  }
  return { config, tensors };
}
