// Word vectors from a GPT checkpoint: the token embedding matrix wte (vocab, C) of
// model.safetensors, each row named by its token from tokenizer.json (bytes in, so it runs in
// Node and the browser alike). A token without a name (or a checkpoint without a tokenizer) is
// called "<id N>". Does not handle: the position embeddings (wpe) or the output head (tied to wte).

import { CHECKPOINT_FILES, type CheckpointFiles } from '../checkpoint/checkpoint.js';
import { decodeSafetensors } from '../checkpoint/safetensors.js';
import { tokenizerFromJSON } from '../tokenizer/load.js';
import { GlassboxError } from '../util/errors.js';
import { WordVectors } from './vectors.js';

const WTE_NAMES = ['transformer.wte.weight', 'wte.weight'];

export function vectorsFromCheckpoint(files: CheckpointFiles, where = 'checkpoint'): WordVectors {
  const model = files[CHECKPOINT_FILES.model];
  if (!model) throw new GlassboxError('missing model.safetensors', where);
  const { tensors } = decodeSafetensors(model, `${where}/model.safetensors`);
  const wte = WTE_NAMES.map((n) => tensors.get(n)).find((t) => t !== undefined);
  if (wte?.shape.length !== 2) {
    throw new GlassboxError('no token embedding matrix (transformer.wte.weight) in model.safetensors', where);
  }
  const [vocab] = wte.shape;
  const json = files[CHECKPOINT_FILES.tokenizer];
  const tokenizer = json
    ? tokenizerFromJSON(JSON.parse(new TextDecoder().decode(json)), `${where}/tokenizer.json`)
    : undefined;
  const seen = new Set<string>();
  const words = Array.from({ length: vocab }, (_, id) => {
    const token = tokenizer?.idToToken(id);
    const name = token === undefined || seen.has(token) ? `<id ${id}>` : token;
    seen.add(name);
    return name;
  });
  return WordVectors.fromMatrix(wte.data, words);
}
