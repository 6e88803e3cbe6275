// The floating-point dtypes safetensors files hold, converted to and from float32 (glassbox
// computes in f32 only). Bytes are little-endian, as safetensors specifies.
//   F16  (IEEE half: 1 sign, 5 exponent, 10 mantissa bits) → f32 exactly, through a 65,536-entry table;
//        f32 → F16 rounds to nearest even, overflow to ±∞, subnormals kept.
//   BF16 (the top 16 bits of an f32) → f32 exactly by a shift; f32 → BF16 rounds to nearest even.
//   F64 → f32 rounds to nearest.
// Not handled: integer and 8-bit float dtypes (no GPT-2 weight uses them).

export type FloatDtype = 'F32' | 'F16' | 'BF16' | 'F64';
export const FLOAT_DTYPES: readonly FloatDtype[] = ['F32', 'F16', 'BF16', 'F64'];

export const DTYPE_BYTES: Record<string, number> = {
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

let halfTable: Float32Array | undefined;

/** f32 value of every F16 bit pattern (built once, 256 KiB). */
function halfToFloatTable(): Float32Array {
  if (halfTable) return halfTable;
  const t = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const frac = h & 0x3ff;
    if (exp === 0) t[h] = sign * frac * 2 ** -24;
    else if (exp === 31) t[h] = frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
    else t[h] = sign * (1 + frac / 1024) * 2 ** (exp - 15);
  }
  halfTable = t;
  return t;
}

/** Little-endian 16-bit words of `bytes` (copied once when the bytes are not 2-aligned). */
function words16(bytes: Uint8Array): Uint16Array {
  const b = bytes.byteOffset % 2 === 0 ? bytes : bytes.slice();
  return new Uint16Array(b.buffer, b.byteOffset, b.byteLength >> 1);
}

/** Converts `bytes` of `dtype` into `out` (out.length elements). */
export function toFloat32(bytes: Uint8Array, dtype: FloatDtype, out: Float32Array): void {
  const n = out.length;
  if (bytes.length !== n * DTYPE_BYTES[dtype])
    throw new Error(`toFloat32: ${bytes.length} bytes for ${n} ${dtype}`);
  if (dtype === 'F32') {
    new Uint8Array(out.buffer, out.byteOffset, n * 4).set(bytes);
  } else if (dtype === 'F16') {
    const table = halfToFloatTable();
    const w = words16(bytes);
    for (let i = 0; i < n; i++) out[i] = table[w[i]];
  } else if (dtype === 'BF16') {
    const w = words16(bytes);
    const u = new Uint32Array(out.buffer, out.byteOffset, n);
    for (let i = 0; i < n; i++) u[i] = w[i] << 16;
  } else {
    const b = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
    out.set(new Float64Array(b.buffer, b.byteOffset, n));
  }
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The F16 bit pattern nearest to x (ties to even). */
export function floatToHalf(x: number): number {
  f32[0] = x;
  const bits = u32[0];
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  const mant = bits & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const e = exp - 127 + 15;
  if (e >= 31) return sign | 0x7c00;
  if (e <= 0) {
    // Subnormal half (or zero): value = m · 2^-24 with m = round(|x| · 2^24).
    if (e < -10) return sign;
    const m = (mant | 0x800000) >>> 0;
    const shift = 14 - e;
    let h = m >>> shift;
    const rest = m & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rest > half || (rest === half && h & 1)) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && h & 1)) h++; // may carry into the exponent: correct
  return sign | h;
}

/** The BF16 bit pattern nearest to x (ties to even; NaN stays NaN). */
export function floatToBfloat16(x: number): number {
  f32[0] = x;
  const bits = u32[0];
  if ((bits & 0x7fffffff) > 0x7f800000) return (bits >>> 16) | 0x40;
  return (bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16;
}

/** `data` as little-endian bytes of `dtype`. */
export function fromFloat32(data: Float32Array, dtype: FloatDtype): Uint8Array {
  if (dtype === 'F32') return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (dtype === 'F64') return new Uint8Array(Float64Array.from(data).buffer);
  const w = new Uint16Array(data.length);
  const conv = dtype === 'F16' ? floatToHalf : floatToBfloat16;
  for (let i = 0; i < data.length; i++) w[i] = conv(data[i]);
  return new Uint8Array(w.buffer);
}
