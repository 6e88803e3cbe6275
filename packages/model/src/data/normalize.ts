// Normalization before any filter: Unicode NFC (so "é" typed two ways is one string), line
// breaks as \n, every other kind of space as one plain space, control characters removed, spaces
// at line ends and runs of blank lines collapsed. It keeps paragraph breaks (one blank line) and
// leaves letters, case and punctuation alone: lowercasing and the like belong to tokenizers.

const OTHER_SPACE = /[\t\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
const CONTROL = /(?!\n)\p{Cc}|[\u200b\ufeff]/gu; // control characters (other than \n), zero-width space, BOM

export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?|[\f\u2028\u2029\u0085]/g, '\n')
    .replace(OTHER_SPACE, ' ')
    .replace(CONTROL, '')
    .replace(/ {2,}/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
