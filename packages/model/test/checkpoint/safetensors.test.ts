// safetensors: round trip, the byte layout of the format, and refusal of corrupt, truncated and
// hostile files with a message that names the problem.

import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors } from '../../src/checkpoint/index.js';

const tensors = [
  { name: 'a', shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) },
  { name: 'b', shape: [1], data: Float32Array.from([-0.5]) },
];

/** A file built by hand from a header object and a data section. */
function file(header: unknown, dataBytes: number, headerLength?: bigint): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + dataBytes);
  new DataView(out.buffer).setBigUint64(0, headerLength ?? BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

describe('safetensors', () => {
  it('round-trips tensors and metadata, with the header padded to 8 bytes', () => {
    const bytes = encodeSafetensors(tensors, { format: 'pt' });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header.a).toEqual({ dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] });
    expect(header.b).toEqual({ dtype: 'F32', shape: [1], data_offsets: [24, 28] });
    expect(bytes.length).toBe(8 + n + 28);
    const back = decodeSafetensors(bytes);
    expect(back.metadata).toEqual({ format: 'pt' });
    expect([...back.tensors.get('a')!.data]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(back.tensors.get('b')!.shape).toEqual([1]);
  });

  const refusals: [string, Uint8Array, RegExp][] = [
    ['a file shorter than the length prefix', new Uint8Array(5), /only 5 bytes long/],
    ['a header length beyond the file', file({}, 0, 1000n), /header length 1000 exceeds the file size/],
    ['a hostile 2^63 header length', file({}, 0, 2n ** 63n), /exceeds the 16 MiB limit/],
    [
      'a header that is not JSON',
      (() => {
        const f = file({}, 0);
        f[8] = 0x7b;
        f[9] = 0x7b;
        return f;
      })(),
      /not valid UTF-8 JSON/,
    ],
    [
      'an unknown dtype',
      file({ x: { dtype: 'F7', shape: [1], data_offsets: [0, 4] } }, 4),
      /unknown dtype F7/,
    ],
    [
      'a range past the data (truncated)',
      file({ x: { dtype: 'F32', shape: [4], data_offsets: [0, 16] } }, 8),
      /outside the 8 data bytes/,
    ],
    [
      'a shape that disagrees with its bytes',
      file({ x: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, 8),
      /holds 8 bytes but its shape \[3\] needs 12/,
    ],
    [
      'overlapping tensors',
      file(
        {
          x: { dtype: 'F32', shape: [2], data_offsets: [0, 8] },
          y: { dtype: 'F32', shape: [2], data_offsets: [4, 12] },
        },
        12,
      ),
      /tensors "x" and "y" overlap/,
    ],
    [
      'negative offsets',
      file({ x: { dtype: 'F32', shape: [1], data_offsets: [-4, 0] } }, 4),
      /malformed data_offsets/,
    ],
    [
      'an integer tensor',
      file({ x: { dtype: 'I32', shape: [2], data_offsets: [0, 8] } }, 8),
      /tensor "x" is I32; glassbox reads floating-point tensors only/,
    ],
  ];
  for (const [what, bytes, message] of refusals) {
    it(`refuses ${what}`, () => {
      expect(() => decodeSafetensors(bytes, 'm.safetensors')).toThrow(message);
      expect(() => decodeSafetensors(bytes, 'm.safetensors')).toThrow(/^m\.safetensors: /);
    });
  }
});
