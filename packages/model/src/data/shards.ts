// Token shards: the format training reads. A shard is a `.bin` file of raw little-endian token ids
// (uint16 while the vocabulary fits in 65,536 ids, else uint32; no header, so numpy.memmap and
// nanoGPT-style loaders read it as is) plus a JSON sidecar of the same stem (`train.bin` →
// `train.json`) saying how to read it and which tokenizer made it. Browser-safe: bytes in, bytes
// out; files are '@glassbox/model/node' (writeShard, readShard, ShardWriter).

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Tokenizer } from '../tokenizer/types.js';
import { GlassboxError } from '../util/errors.js';

export type ShardDtype = 'uint16' | 'uint32';

export interface ShardMeta {
  format: 'glassbox-tokens';
  version: 1;
  dtype: ShardDtype;
  /** Number of token ids in the .bin (its size in bytes is count × 2 or × 4). */
  count: number;
  vocabSize: number;
  tokenizer: {
    kind: string;
    /** sha256 (hex) of the tokenizer's tokenizer.json text: a shard only trains with its tokenizer. */
    hash: string;
  };
  /** Id placed between documents, when one was. */
  eot?: number;
  /** Documents in the shard. */
  documents?: number;
  split?: 'train' | 'validation';
  seed?: number;
}

/** What a caller supplies; format, version, dtype and count are filled in. */
export type ShardInfo = Omit<ShardMeta, 'format' | 'version' | 'dtype' | 'count'>;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function shardDtype(vocabSize: number): ShardDtype {
  return vocabSize <= 65536 ? 'uint16' : 'uint32';
}

export function bytesPerToken(dtype: ShardDtype): 2 | 4 {
  return dtype === 'uint16' ? 2 : 4;
}

/** sha256 (hex) of a tokenizer's tokenizer.json serialisation. */
export function tokenizerHash(tokenizer: Pick<Tokenizer, 'toJSON'>): string {
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify(tokenizer.toJSON()))));
}

/** Token ids → the .bin bytes. Throws when an id does not fit the vocabulary. */
export function encodeTokens(ids: ArrayLike<number>, vocabSize: number): Uint8Array {
  const dtype = shardDtype(vocabSize);
  const width = bytesPerToken(dtype);
  const bytes = new Uint8Array(ids.length * width);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (!Number.isInteger(id) || id < 0 || id >= vocabSize)
      throw new GlassboxError(
        `token id ${id} at position ${i} is outside the vocabulary (0…${vocabSize - 1})`,
      );
    if (width === 2) view.setUint16(i * 2, id, true);
    else view.setUint32(i * 4, id, true);
  }
  return bytes;
}

/** Token ids → the .bin bytes and their sidecar. */
export function encodeShard(ids: ArrayLike<number>, info: ShardInfo): { bytes: Uint8Array; meta: ShardMeta } {
  return { bytes: encodeTokens(ids, info.vocabSize), meta: shardMeta(ids.length, info) };
}

export function shardMeta(count: number, info: ShardInfo): ShardMeta {
  return { format: 'glassbox-tokens', version: 1, dtype: shardDtype(info.vocabSize), count, ...info };
}

/** The .bin bytes back to ids, checked against the sidecar (zero-copy when aligned on a little-endian host). */
export function decodeShard(bytes: Uint8Array, meta: ShardMeta, where = 'shard'): Uint16Array | Uint32Array {
  const width = bytesPerToken(meta.dtype);
  if (bytes.byteLength !== meta.count * width)
    throw new GlassboxError(
      `holds ${bytes.byteLength} bytes but its sidecar says ${meta.count} ${meta.dtype} ids (${meta.count * width} bytes); the files do not belong together or one is truncated`,
      where,
    );
  const Typed = width === 2 ? Uint16Array : Uint32Array;
  let out: Uint16Array | Uint32Array;
  if (LITTLE_ENDIAN && bytes.byteOffset % width === 0)
    out = new Typed(bytes.buffer as ArrayBuffer, bytes.byteOffset, meta.count);
  else {
    out = new Typed(meta.count);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < meta.count; i++)
      out[i] = width === 2 ? view.getUint16(i * 2, true) : view.getUint32(i * 4, true);
  }
  checkIdRange(out, meta.vocabSize, where);
  return out;
}

/** Every id below `vocabSize`, checked once when a shard is opened, so a bad id fails here, named, not mid-run. */
export function checkIdRange(ids: ArrayLike<number>, vocabSize: number, where: string): void {
  for (let i = 0; i < ids.length; i++) {
    if ((ids[i] as number) >= vocabSize)
      throw new GlassboxError(
        `token id ${ids[i]} at position ${i} is outside the vocabulary of ${vocabSize} ids; the shard is corrupt or was made with another tokenizer`,
        where,
      );
  }
}

/** A parsed sidecar, checked field by field so a wrong file fails with a message, not later. */
export function parseShardMeta(json: unknown, where = 'shard sidecar'): ShardMeta {
  const m = json as Partial<ShardMeta> | null;
  const bad = (what: string) => new GlassboxError(`not a glassbox token-shard sidecar: ${what}`, where);
  if (!m || typeof m !== 'object') throw bad('expected a JSON object');
  if (m.format !== 'glassbox-tokens') throw bad('"format" must be "glassbox-tokens"');
  if (m.version !== 1) throw bad(`unsupported version ${String(m.version)} (this glassbox reads 1)`);
  if (m.dtype !== 'uint16' && m.dtype !== 'uint32') throw bad('"dtype" must be "uint16" or "uint32"');
  if (!Number.isInteger(m.count) || (m.count as number) < 0) throw bad('"count" must be a whole number');
  if (!Number.isInteger(m.vocabSize) || (m.vocabSize as number) < 1)
    throw bad('"vocabSize" must be positive');
  if (typeof m.tokenizer?.hash !== 'string') throw bad('"tokenizer.hash" is missing');
  return m as ShardMeta;
}

/** The sidecar path of a shard: `dir/train.bin` → `dir/train.json`. */
export function sidecarPath(binPath: string): string {
  return binPath.replace(/\.bin$/, '') + '.json';
}
