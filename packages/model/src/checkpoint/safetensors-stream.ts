// Reading a safetensors file tensor by tensor from a ByteSource, so a model's weights go from the
// file into their slots in the arena without the whole file ever being in memory: the header is
// read and validated first (8 bytes, then the bounded JSON), then each tensor is read in chunks of
// at most 16 MiB and converted (F16/BF16/F64 → f32) or copied (F32) straight into its slot.
// Peak extra memory is one chunk, whatever the file's size.

import type { ByteSource } from './byte-source.js';
import { DTYPE_BYTES, type FloatDtype, toFloat32 } from './dtypes.js';
import {
  floatDtype,
  headerLength,
  parseSafetensorsHeader,
  type SafetensorsHeader,
  type TensorEntry,
} from './safetensors.js';

/** Bytes read per chunk. */
const CHUNK_BYTES = 16 * 2 ** 20;

export interface SafetensorsFile extends SafetensorsHeader {
  source: ByteSource;
}

/** Reads and validates the header of a safetensors file. */
export async function openSafetensors(source: ByteSource): Promise<SafetensorsFile> {
  const first = await source.read(0, Math.min(8, source.size));
  const n = headerLength(first, source.size, source.name);
  const header = parseSafetensorsHeader(Uint8Array.from(await source.read(8, n)), source.size, source.name);
  return { ...header, source };
}

/**
 * Calls `sink` with successive chunks of a tensor's bytes: `start` and `count` in elements.
 * The bytes are valid only during the call; a sink returning false stops the reading.
 */
export async function streamTensor(
  file: SafetensorsFile,
  entry: TensorEntry,
  sink: (bytes: Uint8Array, dtype: FloatDtype, start: number, count: number) => boolean | undefined,
): Promise<void> {
  const dtype = floatDtype(entry, file.source.name);
  const width = DTYPE_BYTES[dtype];
  const perChunk = Math.max(1, Math.floor(CHUNK_BYTES / width));
  for (let start = 0; start < entry.count; start += perChunk) {
    const count = Math.min(perChunk, entry.count - start);
    const bytes = await file.source.read(file.dataStart + entry.begin + start * width, count * width);
    if (sink(bytes, dtype, start, count) === false) return;
  }
}

/**
 * Reads a tensor into `target` (e.g. a parameter's slot in the arena), converting to f32.
 * `target.data` is re-read for every chunk, so the arena may grow in between.
 */
export async function readTensorInto(
  file: SafetensorsFile,
  entry: TensorEntry,
  target: { readonly data: Float32Array },
): Promise<void> {
  await streamTensor(file, entry, (bytes, dtype, start, count) => {
    toFloat32(bytes, dtype, target.data.subarray(start, start + count));
    return true;
  });
}

/** Whether a tensor's values equal `data` exactly (after conversion to f32), read chunk by chunk. */
export async function tensorEquals(
  file: SafetensorsFile,
  entry: TensorEntry,
  data: () => Float32Array,
): Promise<boolean> {
  let same = true;
  let scratch = new Float32Array(0);
  await streamTensor(file, entry, (bytes, dtype, start, count) => {
    if (scratch.length < count) scratch = new Float32Array(count);
    const got = scratch.subarray(0, count);
    toFloat32(bytes, dtype, got);
    const want = data().subarray(start, start + count);
    for (let i = 0; i < count; i++) {
      if (got[i] !== want[i] && !(Number.isNaN(got[i]) && Number.isNaN(want[i]))) {
        same = false;
        return false;
      }
    }
    return true;
  });
  return same;
}
