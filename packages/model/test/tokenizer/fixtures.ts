// Shared test inputs: tinyshakespeare from ../shared/data (beside the repository) and a Unicode
// torture text that exercises what tokenizers get wrong: emoji sequences, CJK, combining marks,
// right-to-left scripts, control characters, U+0085 and U+FEFF (where JavaScript's \s differs
// from Unicode White_Space), unusual whitespace runs, contractions and very long lines.

import { readFileSync } from 'node:fs';
import { sharedDataPath } from '../../src/node/shared-data.js';

export const SHAKESPEARE_PATH = sharedDataPath('tinyshakespeare.txt');

let cached: string | undefined;
export function shakespeare(): string {
  cached ??= readFileSync(SHAKESPEARE_PATH, 'utf8');
  return cached;
}

const controls =
  Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('') + '\u007f\u0080\u0085\u009f';

/** Short texts, each a separate case; TORTURE joins them. */
export const TORTURE_CASES: readonly string[] = [
  '',
  ' ',
  "Hello, world! It's 2024 — naïve café façade.",
  "I'm sure they'll say we'd've DON'T 'S 'Re 'LL",
  'emoji: 😀👍🏽 👩‍👩‍👧‍👦 🇯🇵🇫🇷 ❤️ 1️⃣ 🏳️‍🌈',
  'CJK: 漢字かなカナ한국어 中文，标点。「引号」',
  'combining: e\u0301 a\u0308\u0323 Z\u0351\u0362\u0337 \u0301alone',
  'RTL: العربية שָׁלוֹם \u200fmixed\u200e עברית 123',
  `controls:${controls}end`,
  'next line:\u0085after NEL \u0085\u0085 and  \u0085x a \u0085b',
  '\ufeffBOM at start, \ufeff in the middle,\ufeff\ufeff twice, a \ufeffb, space \ufeff',
  'spaces:\u00a0nbsp\u2003em\u3000ideographic\u2028line sep\u2029para sep\u202f\u205f\u1680',
  'tabs\tand\t\tnewlines\n\n\n  indented\r\n   \n\t \n',
  'trailing spaces    ',
  '   leading spaces',
  'numbers 3.14159 1,000,000 ١٢٣ ²³ ½ Ⅻ',
  'symbols ~!@#$%^&*()_+-=[]{}|;:",.<>/?` «»‹› ‘’ “” …',
  '<|endoftext|> is special only when allowed',
  `long: ${'a'.repeat(5000)}`,
  `long spaces:${' '.repeat(3000)}x${'\n'.repeat(500)}`,
  `long mixed: ${'The quick brown fox. '.repeat(300)}`,
  `${'🙂'.repeat(700)}漢${'字'.repeat(700)}`,
];

export const TORTURE = TORTURE_CASES.join('\n');
