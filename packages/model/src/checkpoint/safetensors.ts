// The safetensors format (Hugging Face), as bytes in and bytes out, in Node and the browser:
//   8 bytes: little-endian u64 N = header length
//   N bytes: JSON { name: { dtype, shape, data_offsets: [begin, end] }, "__metadata__": {…} }
//   the data: every tensor's bytes, offsets relative to the end of the header
// Reading is validation: the header length is bounded before anything is allocated, every tensor
// must have a known dtype, a shape whose size matches its byte range, a range inside the file, and
// no two ranges may overlap. A corrupt, truncated or hostile file is refused with a message naming
// the problem. Float tensors (F32, F16, BF16, F64) decode to f32; writing takes a dtype per tensor
// (default F32). Whole-file decoding is for small files; big ones stream (safetensors-stream.ts).

import { GlassboxError } from '../util/errors.js';
import { DTYPE_BYTES, FLOAT_DTYPES, type FloatDtype, fromFloat32, toFloat32 } from './dtypes.js';

export interface NamedTensor {
  name: string;
  shape: number[];
  data: Float32Array;
  /** How to store it when writing (default F32). Decoding always gives f32 and leaves this unset. */
  dtype?: FloatDtype;
}

/** Largest header we accept: real GPT-2 headers are tens of kilobytes. */
export const MAX_HEADER_BYTES = 16 * 1024 * 1024;

/** One tensor as the header describes it: byte range relative to the start of the data section. */
export interface TensorEntry {
  name: string;
  dtype: string;
  shape: number[];
  /** Elements (product of the shape). */
  count: number;
  begin: number;
  end: number;
}

export interface SafetensorsHeader {
  tensors: Map<string, TensorEntry>;
  metadata: Record<string, string>;
  /** File offset of the data section (8 + header length). */
  dataStart: number;
}

/** A tensor to write whose values are produced only when its turn comes (see safetensorsParts). */
export interface LazyTensor {
  name: string;
  shape: number[];
  dtype?: FloatDtype;
  data: () => Float32Array;
}

/**
 * A safetensors file as a sequence of parts — the header, then each tensor's bytes in turn — so a
 * writer can send a large file to disk without ever holding it whole (each `data()` is called as
 * its part is reached).
 */
export function* safetensorsParts(
  tensors: readonly LazyTensor[],
  metadata: Record<string, string> = {},
): Generator<Uint8Array> {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length) header.__metadata__ = metadata;
  let offset = 0;
  for (const t of tensors) {
    const bytes = t.shape.reduce((a, b) => a * b, 1) * DTYPE_BYTES[t.dtype ?? 'F32'];
    header[t.name] = { dtype: t.dtype ?? 'F32', shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  // Pad the header with spaces so the data starts 8-byte aligned (as the reference writer does).
  const padded = Math.ceil(json.length / 8) * 8;
  const head = new Uint8Array(8 + padded).fill(0x20);
  new DataView(head.buffer).setBigUint64(0, BigInt(padded), true);
  head.set(json, 8);
  yield head;
  for (const t of tensors) {
    const data = t.data();
    if (data.length !== t.shape.reduce((a, b) => a * b, 1))
      throw new Error(`safetensors: tensor ${t.name} has ${data.length} values for shape [${t.shape}]`);
    yield fromFloat32(data, t.dtype ?? 'F32');
  }
}

/** A whole safetensors file in memory (tensors stored as F32 unless they say otherwise). */
export function encodeSafetensors(tensors: NamedTensor[], metadata: Record<string, string> = {}): Uint8Array {
  const parts = [
    ...safetensorsParts(
      tensors.map((t) => ({ ...t, data: () => t.data })),
      metadata,
    ),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function failWith(where: string) {
  return (msg: string): never => {
    throw new GlassboxError(`${msg}; the file is corrupt, truncated or not a safetensors file`, where);
  };
}

/**
 * The header length from a file's first 8 bytes, checked against the file size and the limit
 * before anything is allocated.
 */
export function headerLength(first8: Uint8Array, fileSize: number, where: string): number {
  const fail = failWith(where);
  if (fileSize < 8 || first8.length < 8) fail(`only ${fileSize} bytes long`);
  const n = new DataView(first8.buffer, first8.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(Math.min(MAX_HEADER_BYTES, fileSize - 8))) {
    fail(`header length ${n} exceeds ${n > BigInt(MAX_HEADER_BYTES) ? 'the 16 MiB limit' : 'the file size'}`);
  }
  return Number(n);
}

/** Parses and validates the JSON header of a file of `fileSize` bytes. */
export function parseSafetensorsHeader(
  headerBytes: Uint8Array,
  fileSize: number,
  where: string,
): SafetensorsHeader {
  const fail = failWith(where);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
  } catch {
    fail('header is not valid UTF-8 JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    fail('header is not a JSON object');
  const dataStart = 8 + headerBytes.length;
  const dataLen = fileSize - dataStart;
  const ranges: [number, number, string][] = [];
  const tensors = new Map<string, TensorEntry>();
  let metadata: Record<string, string> = {};
  for (const [name, info] of Object.entries(header as Record<string, unknown>)) {
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
    tensors.set(name, { name, dtype, shape, count, begin, end });
  }
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ranges.length; i++) {
    if (ranges[i][0] < ranges[i - 1][1]) fail(`tensors "${ranges[i - 1][2]}" and "${ranges[i][2]}" overlap`);
  }
  return { tensors, metadata, dataStart };
}

/** The entry's dtype if glassbox can read it as floats, else a message naming the tensor. */
export function floatDtype(e: TensorEntry, where: string): FloatDtype {
  if ((FLOAT_DTYPES as readonly string[]).includes(e.dtype)) return e.dtype as FloatDtype;
  throw new GlassboxError(
    `tensor "${e.name}" is ${e.dtype}; glassbox reads floating-point tensors only (F32, F16, BF16, F64)`,
    where,
  );
}

export interface DecodedSafetensors {
  tensors: Map<string, NamedTensor>;
  metadata: Record<string, string>;
}

/** A whole file in memory → f32 tensors (small files: adapters, optimizer state, tests). */
export function decodeSafetensors(bytes: Uint8Array, where = 'safetensors file'): DecodedSafetensors {
  const n = headerLength(bytes.subarray(0, 8), bytes.length, where);
  const header = parseSafetensorsHeader(bytes.subarray(8, 8 + n), bytes.length, where);
  const tensors = new Map<string, NamedTensor>();
  for (const e of header.tensors.values()) {
    const dtype = floatDtype(e, where);
    // Copy out: the source bytes may not be aligned, and the caller may drop the file.
    const data = new Float32Array(e.count);
    toFloat32(bytes.subarray(header.dataStart + e.begin, header.dataStart + e.end), dtype, data);
    tensors.set(e.name, { name: e.name, shape: e.shape, data });
  }
  return { tensors, metadata: header.metadata };
}
