// The tour's corpus: the toy corpus (pets, fruit, vehicles, colours, royalty, people, days) with
// the sentences the explainer's own examples need — "the cat sat on the mat", a duck in a "pond"
// (a word that never follows "the cat sat on the"), "running" (with "run", "runs", "morning" and
// "evening", so that a small BPE learns the pieces "run" and "ning"), and the question the fine-tuning
// step asks ("what does the cat eat ?") — so that every word the tour shows is in the vocabulary
// of a word tokenizer trained on it, and no step of the tour prints <unk>.
// Does not handle: capitals, or punctuation other than the question mark; it is a picture.

import { fillTemplates, TOY_FAMILIES, TOY_TEMPLATES, type ToyCorpusOptions } from './toy.js';

const TOUR_TEMPLATES: readonly string[] = [
  ...TOY_TEMPLATES,
  // the explainer's "the cat sat on the ___": mat, almost always
  'the {pet} sat on the mat',
  'the {pet} sat on the mat and slept',
  'my {pet} sat on the mat by the door',
  'the little {pet} sat on the mat',
  'every {day} the {pet} sat on the mat',
  'the hungry {pet} sat on the mat',
  // "pond" lives with ducks, never after "sat on the"
  'the duck swam in the pond',
  // "running", the word the tour's BPE splits into "run" + "ning": "run" and "runs" are common,
  // and so are other words ending in "ning" (morning, evening), so both pieces become tokens
  // well before the whole of the rarer " running" does (test/tokenizer/tour-bpe.test.ts)
  'the {pet} is running in the garden',
  'the {pet} likes to run in the park every morning',
  'the {person} runs to {pro} office every evening',
  'the {pet} runs in the garden in the morning',
  'a runner runs in the evening',
  // the fine-tuning step's question, which a base model continues rather than answers
  'what does the {pet} eat ? the {pet} eats fish',
  'what does the {ruler} wear ? the {ruler} wears {pro} crown',
];

/** Every word the tour's text and widgets use as an example; all are in the tour corpus. */
export const TOUR_WORDS: readonly string[] = [
  'cat',
  'dog',
  'banana',
  'apple',
  'car',
  'king',
  'queen',
  'the',
  'sat',
  'on',
  'mat',
  'pond',
  'running',
  'chased',
  'ball',
  'in',
  'garden',
  'sleeps',
  'sofa',
  'what',
  'does',
  'eat',
  '?',
];

/** The tour corpus as sentences of words: (sentences, words per sentence). Default 2000 sentences, seed 1. */
export function tourSentences(options: ToyCorpusOptions = {}): string[][] {
  return fillTemplates(TOUR_TEMPLATES, TOY_FAMILIES, options);
}

/** The tour corpus as text: one sentence per line, words separated by single spaces. */
export function tourCorpus(options: ToyCorpusOptions = {}): string {
  return tourSentences(options)
    .map((words) => words.join(' '))
    .join('\n')
    .concat('\n');
}
