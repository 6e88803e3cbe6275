// GPT-2's byte ↔ character map. Byte-level BPE works on the 256 byte values, but vocabulary files
// store tokens as text, so each byte gets a printable character: the printable Latin-1 bytes
// ("!"…"~", "¡"…"¬", "®"…"ÿ") stand for themselves and the other 68 (control characters, space,
// DEL, NBSP, soft hyphen) are shifted to U+0100 upwards — which is why a space shows as "Ġ" and a
// newline as "Ċ" in GPT-2's vocabulary. The base ids 0…255 follow GPT-2's order: printable bytes
// first ("!" = 0), then the shifted ones.

function printable(b: number): boolean {
  return (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
}

/** BYTE_ORDER[id] = the byte that base token `id` stands for. */
export const BYTE_ORDER: readonly number[] = (() => {
  const order: number[] = [];
  for (let b = 0; b < 256; b++) if (printable(b)) order.push(b);
  for (let b = 0; b < 256; b++) if (!printable(b)) order.push(b);
  return order;
})();

/** BYTE_CHAR[byte] = its printable stand-in character. */
export const BYTE_CHAR: readonly string[] = (() => {
  const chars: string[] = new Array(256);
  let shifted = 0;
  for (let b = 0; b < 256; b++) chars[b] = String.fromCharCode(printable(b) ? b : 0x100 + shifted++);
  return chars;
})();

/** BYTE_ID[byte] = the base token id of that byte (inverse of BYTE_ORDER). */
export const BYTE_ID: Uint16Array = (() => {
  const ids = new Uint16Array(256);
  BYTE_ORDER.forEach((b, id) => {
    ids[b] = id;
  });
  return ids;
})();

const CHAR_BYTE = new Map<string, number>(BYTE_CHAR.map((c, b) => [c, b]));

/** Bytes → the vocabulary-file form of a token, e.g. [0x20, 0x74, 0x68] → "Ġth". */
export function bytesToTokenText(bytes: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += BYTE_CHAR[bytes[i]];
  return s;
}

/** The vocabulary-file form back to bytes; undefined when a character is not a byte stand-in. */
export function tokenTextToBytes(token: string): Uint8Array | undefined {
  const out = new Uint8Array(token.length);
  for (let i = 0; i < token.length; i++) {
    const b = CHAR_BYTE.get(token[i]);
    if (b === undefined) return undefined;
    out[i] = b;
  }
  return out;
}
