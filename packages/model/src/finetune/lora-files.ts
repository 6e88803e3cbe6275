// LoRA adapters as files in PEFT's layout, so they load with Hugging Face PEFT onto the GPT-2 base:
//   adapter_config.json        {peft_type: "LORA", r, lora_alpha, target_modules, fan_in_fan_out: true, …}
//   adapter_model.safetensors  base_model.model.transformer.h.N.<layer>.lora_A.weight (r, K)
//                              base_model.model.transformer.h.N.<layer>.lora_B.weight (N, r)
// PEFT stores the factors as nn.Linear weights (out, in), the transposes of glassbox's A (K, r) and
// B (r, N); fan_in_fan_out tells it the base layers are GPT-2's Conv1D. adapter_config.json holds
// only LoraConfig's own keys (what glassbox needs besides — the seed, the first trained row — rides
// in the safetensors metadata, which PEFT ignores), and adapter_model.safetensors only LoRA
// factors, so PEFT loads both without a warning. The embedding rows of tokens added for chat are
// not LoRA: PEFT's base model would first have to grow its vocabulary, and would initialise the new
// rows its own way. They are saved apart, in added_rows.safetensors (glassbox reads it to resume),
// and — like every update — inside the merged model.safetensors beside these files, which is the
// model to load when the chat tokens matter.

import type { CheckpointFiles } from '../checkpoint/checkpoint.js';
import { decodeSafetensors, encodeSafetensors, type NamedTensor } from '../checkpoint/safetensors.js';
import { LINEAR_LAYERS, type LinearLayer } from '../gpt/adapter.js';
import { GlassboxError } from '../util/errors.js';
import type { LoRA, LoRAConfig } from './lora.js';

export const ADAPTER_FILES = { config: 'adapter_config.json', model: 'adapter_model.safetensors' } as const;
/** The trained embedding rows of added tokens (glassbox's own file; absent when none were added). */
export const ADDED_ROWS_FILE = 'added_rows.safetensors';

const PREFIX = 'base_model.model.transformer.';
const ADDED_ROWS = 'transformer.wte.added_rows';

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
  };
  const files: CheckpointFiles = {
    [ADAPTER_FILES.config]: new TextEncoder().encode(`${JSON.stringify(config, null, 2)}\n`),
    [ADAPTER_FILES.model]: encodeSafetensors(tensors, {
      format: 'pt',
      'glassbox.seed': String(lora.config.seed ?? 1337),
      'glassbox.trainRowsFrom': String(lora.trainRowsFrom),
    }),
  };
  if (lora.params.byName.has('wte.added')) {
    const t = lora.params.get('wte.added');
    files[ADDED_ROWS_FILE] = encodeSafetensors([{ name: ADDED_ROWS, shape: [...t.shape], data: t.data }], {
      format: 'pt',
      'glassbox.firstRow': String(lora.trainRowsFrom),
    });
  }
  return files;
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
  const decoded = decodeSafetensors(modelBytes, `${where}/${ADAPTER_FILES.model}`);
  const meta = (key: string) => {
    const v = Number(decoded.metadata[`glassbox.${key}`]);
    return Number.isInteger(v) ? v : undefined;
  };
  const config: LoRAConfig = {
    rank: cfg.r,
    alpha: cfg.lora_alpha,
    targets,
    trainRowsFrom: meta('trainRowsFrom'),
    seed: meta('seed'),
  };
  const tensors = new Map<string, NamedTensor>();
  const rows = files[ADDED_ROWS_FILE];
  if (rows) {
    const t = decodeSafetensors(rows, `${where}/${ADDED_ROWS_FILE}`).tensors.get(ADDED_ROWS);
    if (t) tensors.set('wte.added', { ...t, name: 'wte.added' });
  }
  for (const [key, t] of decoded.tensors) {
    const m = /^base_model\.model\.transformer\.(.+)\.lora_([AB])\.weight$/.exec(key);
    if (!m || t.shape.length !== 2) continue;
    const [rows, cols] = t.shape;
    const name = `${m[1]}.lora_${m[2]}`;
    tensors.set(name, { name, shape: [cols, rows], data: transpose(t.data, rows, cols) });
  }
  return { config, tensors };
}
