// The safetensors format (Hugging Face), as bytes in and bytes out, in Node and the browser:
//   8 bytes: little-endian u64 N = header length
//   N bytes: JSON { name: { dtype, shape, data_offsets: [begin, end] }, "__metadata__": {…} }
//   the data: every tensor's bytes, offsets relative to the end of the header
// Reading is validation: the header length is bounded before anything is allocated, every tensor
// must have a known dtype, a shape whose size matches its byte range, a range inside the file, and
// no two ranges may overlap. A corrupt, truncated or hostile file is refused with a message naming
// the problem. Only F32 tensors are decoded (glassbox checkpoints are f32); others are refused.

import { GlassboxError } from '../util/errors.js';

export interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
}

/** Largest header we accept: real GPT-2 headers are tens of kilobytes. */
export const MAX_HEADER_BYTES = 16 * 1024 * 1024;
const DTYPE_BYTES: Record<string, number> = {
  F64: 8,
  F32: 4,
  F16: 2,
  BF16: 2,
  I64: 8,
  I32: 4,
  I16: 2,
  I8: 1,
  U8: 1,
  BOOL: 1,
};

export function encodeSafetensors(tensors: NamedTensor[], metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length) header.__metadata__ = metadata;
  let offset = 0;
  for (const t of tensors) {
    const bytes = t.data.length * 4;
    header[t.name] = { dtype: 'F32', shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  // Pad the header with spaces so the data starts 8-byte aligned (as the reference writer does).
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const t of tensors) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), at);
    at += t.data.byteLength;
  }
  return out;
}

export interface DecodedSafetensors {
  tensors: Map<string, NamedTensor>;
  metadata: Record<string, string>;
}

export function decodeSafetensors(bytes: Uint8Array, where = 'safetensors file'): DecodedSafetensors {
  const fail = (msg: string): never => {
    throw new GlassboxError(`${msg}; the file is corrupt, truncated or not a safetensors file`, where);
  };
  if (bytes.length < 8) fail(`only ${bytes.length} bytes long`);
  const n = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(Math.min(MAX_HEADER_BYTES, bytes.length - 8))) {
    fail(`header length ${n} exceeds ${n > BigInt(MAX_HEADER_BYTES) ? 'the 16 MiB limit' : 'the file size'}`);
  }
  const headerLen = Number(n);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLen)));
  } catch {
    fail('header is not valid UTF-8 JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    fail('header is not a JSON object');
  const dataStart = 8 + headerLen;
  const dataLen = bytes.length - dataStart;
  const entries = Object.entries(header as Record<string, unknown>);
  const ranges: [number, number, string][] = [];
  const tensors = new Map<string, NamedTensor>();
  let metadata: Record<string, string> = {};
  for (const [name, info] of entries) {
    if (name === '__metadata__') {
      metadata = info as Record<string, string>;
      continue;
    }
    const t = info as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const dtype = String(t?.dtype);
    if (!(dtype in DTYPE_BYTES)) fail(`tensor "${name}" has unknown dtype ${dtype}`);
    if (!Array.isArray(t.shape) || !t.shape.every((d) => Number.isInteger(d) && d >= 0))
      fail(`tensor "${name}" has a malformed shape`);
    const off = t.data_offsets;
    if (!Array.isArray(off) || off.length !== 2 || !off.every((o) => Number.isSafeInteger(o) && o >= 0)) {
      fail(`tensor "${name}" has malformed data_offsets`);
    }
    const [begin, end] = off as number[];
    const shape = t.shape as number[];
    const count = shape.reduce((a, b) => a * b, 1);
    if (end < begin || end > dataLen)
      fail(`tensor "${name}" spans bytes ${begin}–${end}, outside the ${dataLen} data bytes`);
    if (end - begin !== count * DTYPE_BYTES[dtype]) {
      fail(
        `tensor "${name}" holds ${end - begin} bytes but its shape [${shape}] needs ${count * DTYPE_BYTES[dtype]}`,
      );
    }
    ranges.push([begin, end, name]);
    if (dtype !== 'F32') {
      throw new GlassboxError(
        `tensor "${name}" is ${dtype}; glassbox reads F32 checkpoints only (convert with torch: model.float())`,
        where,
      );
    }
    // Copy out: the source bytes may not be 4-byte aligned, and the caller may drop the file.
    const data = new Float32Array(count);
    new Uint8Array(data.buffer).set(bytes.subarray(dataStart + begin, dataStart + end));
    tensors.set(name, { name, shape, data });
  }
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i][0] < ranges[i - 1][1]) fail(`tensors "${ranges[i - 1][2]}" and "${ranges[i][2]}" overlap`);
  }
  return { tensors, metadata };
}
