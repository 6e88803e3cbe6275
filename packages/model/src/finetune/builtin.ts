// The built-in instruction set: small tasks whose answers follow from the prompt, generated from
// the built-in corpora so a fine-tuning demo needs nothing downloaded. Words come from the Brown
// corpus (its most frequent lowercase words), categories from the toy corpus's families:
//   Spell "house" backwards.              → esuoh
//   Write "house" in capital letters.     → HOUSE
//   What is the first letter of "house"?  → h
//   How many letters are in "house"?      → 5
//   What comes after 41?                  → 42
//   What is 7 plus 5?                     → 12
//   Which word does not belong: cat, banana, dog?  → banana
// Each task has a few phrasings. The test part uses words and numbers the train part never
// shows, so a falling loss on it means the model learned the task, not the answers. Seeded: the
// same corpus and seed give the same set.

import { TOY_FAMILIES } from '../corpus/toy.js';
import { Random } from '../util/random.js';
import type { Conversation } from './sft-data.js';
import { pairConversation } from './sft-data.js';

export interface BuiltinOptions {
  /** Conversations in the train part (default 2000) and the test part (default 200). */
  train?: number;
  test?: number;
  seed?: number;
}

export interface InstructionSet {
  train: Conversation[];
  test: Conversation[];
}

/** The most frequent lowercase words of 3–8 letters in a text, most frequent first. */
export function frequentWords(text: string, count: number): string[] {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/[A-Za-z]+/g)) {
    const w = m[0];
    if (w.length < 3 || w.length > 8 || w !== w.toLowerCase()) continue;
    counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, count)
    .map(([w]) => w);
}

type Task = (rng: Random, pool: Pools) => [string, string];

interface Pools {
  words: string[];
  numbers: number[];
  sums: [number, number][];
  families: string[][];
}

const pick = <T>(rng: Random, xs: readonly T[]): T => xs[rng.int(xs.length)];

const TASKS: Task[] = [
  (rng, p) => {
    const w = pick(rng, p.words);
    const q = pick(rng, [`Spell "${w}" backwards.`, `Reverse the letters of "${w}".`]);
    return [q, [...w].reverse().join('')];
  },
  (rng, p) => {
    const w = pick(rng, p.words);
    return [pick(rng, [`Write "${w}" in capital letters.`, `Shout "${w}".`]), w.toUpperCase()];
  },
  (rng, p) => {
    const w = pick(rng, p.words);
    return [pick(rng, [`What is the first letter of "${w}"?`, `"${w}" starts with which letter?`]), w[0]];
  },
  (rng, p) => {
    const w = pick(rng, p.words);
    return [pick(rng, [`How many letters are in "${w}"?`, `Count the letters in "${w}".`]), String(w.length)];
  },
  (rng, p) => {
    const n = pick(rng, p.numbers);
    return [pick(rng, [`What comes after ${n}?`, `What number follows ${n}?`]), String(n + 1)];
  },
  (rng, p) => {
    const [a, b] = pick(rng, p.sums);
    return [pick(rng, [`What is ${a} plus ${b}?`, `Add ${a} and ${b}.`]), String(a + b)];
  },
  (rng, p) => {
    const [same, other] = rng.shuffle([...p.families]).slice(0, 2);
    const [x, y] = rng.shuffle([...same]).slice(0, 2);
    const odd = pick(rng, other);
    const list = rng.shuffle([x, y, odd]).join(', ');
    return [pick(rng, [`Which word does not belong: ${list}?`, `Find the odd one out: ${list}.`]), odd];
  },
];

/** Splits a list into a seeded train part and a held-out part of about `fraction` of it. */
function holdOut<T>(rng: Random, xs: readonly T[], fraction: number): [T[], T[]] {
  const shuffled = rng.shuffle([...xs]);
  const n = Math.max(1, Math.round(xs.length * fraction));
  return [shuffled.slice(n), shuffled.slice(0, n)];
}

/** The built-in instruction set from a corpus text (the Brown corpus in the CLI and the web app). */
export function builtinInstructions(corpusText: string, opts: BuiltinOptions = {}): InstructionSet {
  const { train = 2000, test = 200, seed = 1 } = opts;
  const rng = new Random(seed);
  const [trainWords, testWords] = holdOut(rng, frequentWords(corpusText, 1500), 0.15);
  const [trainNumbers, testNumbers] = holdOut(
    rng,
    Array.from({ length: 200 }, (_, i) => i),
    0.15,
  );
  const allSums: [number, number][] = [];
  for (let a = 0; a <= 12; a++) for (let b = 0; b <= 12; b++) allSums.push([a, b]);
  const [trainSums, testSums] = holdOut(rng, allSums, 0.15);
  // Families with at least two words (the pets have exactly two: cat and dog).
  const families = Object.values(TOY_FAMILIES).map((f) => [...f]);
  const make = (n: number, pool: Pools) =>
    Array.from({ length: n }, () => {
      const [q, a] = TASKS[rng.int(TASKS.length)](rng, pool);
      return pairConversation(q, a);
    });
  if (trainWords.length < 2) throw new Error('the corpus has too few words for the built-in instruction set');
  return {
    train: make(train, { words: trainWords, numbers: trainNumbers, sums: trainSums, families }),
    test: make(test, { words: testWords, numbers: testNumbers, sums: testSums, families }),
  };
}
