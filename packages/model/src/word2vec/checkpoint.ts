// Word vectors from a GPT checkpoint: the token embedding matrix wte (vocab, C) of
// model.safetensors, each row named by its token from the folder's tokenizer (tokenizer.json, or
// GPT-2's vocab.json + merges.txt). Only wte is read: from a ByteSource the rest of the file is
// never touched. Runs in Node and the browser alike. A token without a name (or a checkpoint
// without a tokenizer) is called "<id N>". Does not handle: the position embeddings (wpe) or the
// output head (tied to wte). Embeddings that are not finite numbers are refused.

import { asSource, type ModelFolder } from '../checkpoint/byte-source.js';
import { CHECKPOINT_FILES } from '../checkpoint/checkpoint.js';
import { readFolderTokenizer } from '../checkpoint/hub.js';
import { openSafetensors, readTensorInto } from '../checkpoint/safetensors-stream.js';
import { tokenizerFromJSON } from '../tokenizer/load.js';
import { GlassboxError } from '../util/errors.js';
import { WordVectors } from './vectors.js';

const WTE_NAMES = ['transformer.wte.weight', 'wte.weight'];

export async function vectorsFromCheckpoint(files: ModelFolder, where = 'checkpoint'): Promise<WordVectors> {
  const model = files[CHECKPOINT_FILES.model];
  if (!model) throw new GlassboxError('missing model.safetensors', where);
  const st = await openSafetensors(asSource(model, `${where}/model.safetensors`));
  const wte = WTE_NAMES.map((n) => st.tensors.get(n)).find((t) => t !== undefined);
  if (wte?.shape.length !== 2) {
    throw new GlassboxError('no token embedding matrix (transformer.wte.weight) in model.safetensors', where);
  }
  const data = new Float32Array(wte.count);
  await readTensorInto(st, wte, { data });
  const [vocab, dim] = wte.shape;
  // NaN or infinite embeddings (a diverged run) would rank every neighbour as nonsense: refuse them.
  const bad = data.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0)
    throw new GlassboxError(
      `tensor ${wte.name} holds ${data[bad]} (row ${Math.floor(bad / dim)}): the weights are not finite numbers (saved by a diverged training run?)`,
      `${where}/model.safetensors`,
    );
  const tokenizer = await readFolderTokenizer(files, tokenizerFromJSON, where);
  const seen = new Set<string>();
  const words = Array.from({ length: vocab }, (_, id) => {
    const token = tokenizer?.idToToken(id);
    const name = token === undefined || seen.has(token) ? `<id ${id}>` : token;
    seen.add(name);
    return name;
  });
  return WordVectors.fromMatrix(data, words);
}
