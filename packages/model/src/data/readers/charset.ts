// The character set of a web page, as a browser settles it (the HTML standard's order): a byte-
// order mark, else the charset of the HTTP Content-Type header, else a <meta charset> or <meta
// http-equiv="Content-Type"> in the first 1,024 bytes, else UTF-8 if the bytes are valid UTF-8 and
// windows-1252 (the web's legacy default) if not. Decoding uses the platform's TextDecoder, which
// knows the WHATWG encodings (Latin-1 family, Shift_JIS, GBK, EUC-KR, …). A label it does not know
// falls back to the sniffing above and is reported.

export interface DecodedPage {
  text: string;
  /** The encoding used, as TextDecoder names it ("utf-8", "windows-1252", "shift_jis"). */
  charset: string;
  /** Where it came from. */
  from: 'bom' | 'http' | 'meta' | 'sniffed';
  /** A declared label the decoder does not know, when there was one. */
  unknownLabel?: string;
}

const CHARSET = /charset\s*=\s*["']?\s*([\w.:-]+)/i;

/** The charset parameter of a Content-Type value, if any. */
export function charsetOfContentType(contentType: string | undefined): string | undefined {
  return contentType ? CHARSET.exec(contentType)?.[1] : undefined;
}

/** The charset an HTML document declares in a <meta> near its start, if any. */
export function charsetOfMeta(bytes: Uint8Array): string | undefined {
  const head = latin1(bytes.subarray(0, 1024));
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = m[0];
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(tag);
    if (direct && !/\bcontent\s*=/i.test(tag)) return direct[1];
    if (/http-equiv\s*=\s*["']?content-type/i.test(tag)) {
      const content = /\bcontent\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i.exec(tag)?.[1];
      const label = charsetOfContentType(content);
      if (label) return label;
    }
  }
  return undefined;
}

export function decodePage(bytes: Uint8Array, contentType?: string): DecodedPage {
  const bom = bomCharset(bytes);
  if (bom) return { text: new TextDecoder(bom).decode(bytes), charset: bom, from: 'bom' };
  let unknownLabel: string | undefined;
  for (const [label, from] of [
    [charsetOfContentType(contentType), 'http'],
    [charsetOfMeta(bytes), 'meta'],
  ] as const) {
    if (!label) continue;
    const decoder = decoderFor(label);
    if (decoder) return { text: decoder.decode(bytes), charset: decoder.encoding, from, unknownLabel };
    unknownLabel ??= label;
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text, charset: 'utf-8', from: 'sniffed', unknownLabel };
  } catch {
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      charset: 'windows-1252',
      from: 'sniffed',
      unknownLabel,
    };
  }
}

function decoderFor(label: string): TextDecoder | undefined {
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return undefined;
  }
}

function bomCharset(b: Uint8Array): string | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  return undefined;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}
