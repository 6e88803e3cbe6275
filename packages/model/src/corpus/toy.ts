// The toy corpus: short, lowercase English sentences generated from templates, seeded and
// deterministic, small enough that word2vec learns its structure in about a second. It is the
// explainer's picture of embeddings made reproducible: "cat" and "dog" fill exactly the same
// slots (pets are fed, walked, sleep on the sofa), "banana" only ever appears where fruit does
// (peeled, ripe, eaten at breakfast), and a few other families (vehicles, colours, royalty and
// people) give the 2-D map more than two clusters.
// Does not handle: punctuation, capitals or anything a real tokenizer needs; it is a picture.

import { Random } from '../util/random.js';

/** Words that fill each slot; every sentence template names its slots in braces. */
const SLOTS: Record<string, readonly string[]> = {
  pet: ['cat', 'dog'],
  fruit: ['banana', 'apple', 'mango', 'cherry', 'pear'],
  vehicle: ['car', 'bus', 'train', 'bike'],
  colour: ['red', 'blue', 'green', 'yellow'],
  ruler: ['king', 'queen'],
  person: ['man', 'woman'],
  day: ['monday', 'tuesday', 'friday', 'sunday'],
};

/** Royal and everyday people share their pronouns with their gender: king/man ↔ his, queen/woman ↔ her. */
const PRONOUN: Record<string, string> = { king: 'his', man: 'his', queen: 'her', woman: 'her' };

const TEMPLATES: readonly string[] = [
  // pets: cat and dog are interchangeable in every one of these
  'the {pet} sleeps on the sofa',
  'my {pet} is hungry so i feed the {pet}',
  'the {pet} chased the ball in the garden',
  'we took the {pet} to the vet on {day}',
  'a {pet} is a friendly pet',
  'the little {pet} plays with the children',
  'we walk the {pet} every {day}',
  'the {pet} drinks water from its bowl',
  // fruit: banana lives here and nowhere else
  'i ate a ripe {fruit} for breakfast',
  'the {fruit} is sweet and juicy',
  'she peeled the {fruit} and shared it',
  'we bought a {fruit} at the market on {day}',
  'a {fruit} grows on a tree',
  'he made a smoothie with {fruit} and milk',
  'the {fruit} in the bowl is fresh',
  // vehicles
  'we took the {vehicle} to town on {day}',
  'the {vehicle} was late this morning',
  'he rides the {vehicle} to work',
  'the {vehicle} stopped at the station',
  // colours
  'she painted the door {colour}',
  'the {colour} paint dried on the wall',
  'he wore a {colour} shirt on {day}',
  // royalty and people: ruler ↔ crown and palace, gender ↔ pronoun
  'the {ruler} wore {pro} crown in the palace',
  'the {ruler} ruled the kingdom from {pro} throne',
  'the {person} walked to {pro} office',
  'the {person} read {pro} newspaper on {day}',
  'the {ruler} and {pro} son rode to the castle',
  'the {person} and {pro} son went to school',
];

export interface ToyCorpusOptions {
  /** Seed for the choice of templates and words (same seed, same corpus). Default 1. */
  seed?: number;
  /** How many sentences to generate. Default 2000 (about 15,000 words). */
  sentences?: number;
}

/** The toy corpus as sentences of words: (sentences, words per sentence). */
export function toySentences(options: ToyCorpusOptions = {}): string[][] {
  return fillTemplates(TEMPLATES, SLOTS, options);
}

/**
 * Sentences from templates: each sentence a seeded choice of template, each {slot} a seeded
 * choice of its words (the same word for the same slot within a sentence), {pro} the pronoun of
 * the sentence's ruler or person. The toy and the tour corpus are both made this way.
 */
export function fillTemplates(
  templates: readonly string[],
  slots: Readonly<Record<string, readonly string[]>>,
  options: ToyCorpusOptions = {},
): string[][] {
  const { seed = 1, sentences = 2000 } = options;
  if (!Number.isInteger(sentences) || sentences < 0) {
    throw new RangeError(`toy corpus: sentences must be a non-negative integer, got ${sentences}`);
  }
  const rng = new Random(seed);
  const out: string[][] = [];
  for (let s = 0; s < sentences; s++) {
    const template = templates[rng.int(templates.length)];
    // One word per slot name per sentence, so "my {pet} … the {pet}" names the same animal.
    const chosen = new Map<string, string>();
    const words: string[] = [];
    for (const token of template.split(' ')) {
      const slot = /^\{(\w+)\}$/.exec(token)?.[1];
      if (!slot) {
        words.push(token);
      } else if (slot === 'pro') {
        const who = chosen.get('ruler') ?? chosen.get('person');
        if (!who) throw new Error(`toy corpus: template "${template}" uses {pro} before a person`);
        words.push(PRONOUN[who]);
      } else {
        let word = chosen.get(slot);
        if (!word) {
          const choices = slots[slot];
          word = choices[rng.int(choices.length)];
          chosen.set(slot, word);
        }
        words.push(word);
      }
    }
    out.push(words);
  }
  return out;
}

/** The toy corpus's templates and slots, for the tour corpus that extends them. */
export const TOY_TEMPLATES: readonly string[] = TEMPLATES;

/** The toy corpus as text: one sentence per line, words separated by single spaces. */
export function toyCorpus(options: ToyCorpusOptions = {}): string {
  return toySentences(options)
    .map((words) => words.join(' '))
    .join('\n')
    .concat('\n');
}

/** The families of the toy corpus, for pages and tests that colour or check them. */
export const TOY_FAMILIES: Readonly<Record<string, readonly string[]>> = SLOTS;
