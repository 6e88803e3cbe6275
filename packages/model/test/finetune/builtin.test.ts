// The built-in instruction set: seeded, every answer right for its prompt (recomputed here from the
// prompt's text, per task), every task present, and the test part's words, numbers and sums never
// seen in the train part.

import { describe, expect, it } from 'vitest';
import { TOY_FAMILIES } from '../../src/data/index.js';
import type { Conversation } from '../../src/finetune/index.js';
import { builtinInstructions, frequentWords } from '../../src/finetune/index.js';
import { TEXT } from './fixtures.js';

const corpus = `${TEXT} ${TEXT.toLowerCase()} harbour village mountain garden kitchen letters market`;

/** The task and its subject (word, number or sum) of a conversation, after checking its answer. */
function check(c: Conversation): { task: string; subject: string } {
  const [q, a] = c.messages.map((m) => m.content);
  const word = /"([a-z]+)"/.exec(q)?.[1];
  const family = (w: string) => Object.keys(TOY_FAMILIES).find((f) => TOY_FAMILIES[f].includes(w));
  if (/backwards|Reverse/.test(q)) expect(a).toBe([...word!].reverse().join(''));
  else if (/capital|Shout/.test(q)) expect(a).toBe(word!.toUpperCase());
  else if (/first letter|starts with/.test(q)) expect(a).toBe(word![0]);
  else if (/How many|Count/.test(q)) expect(a).toBe(String(word!.length));
  else if (/comes after|follows/.test(q)) {
    const n = Number(/(\d+)/.exec(q)![1]);
    expect(a).toBe(String(n + 1));
    return { task: 'next', subject: String(n) };
  } else if (/plus|Add/.test(q)) {
    const [x, y] = [...q.matchAll(/\d+/g)].map((m) => Number(m[0]));
    expect(a).toBe(String(x + y));
    return { task: 'sum', subject: `${x}+${y}` };
  } else if (/belong|odd one/.test(q)) {
    const words = /: ([a-z, ]+)[?.]$/.exec(q)![1].split(', ');
    expect(words).toContain(a);
    const others = words.filter((w) => w !== a);
    expect(family(others[0])).toBe(family(others[1]));
    expect(family(a)).not.toBe(family(others[0]));
    return { task: 'odd', subject: a };
  } else expect.fail(`unknown task: ${q}`);
  return { task: 'word', subject: word! };
}

describe('builtinInstructions', () => {
  it('is seeded, right for every prompt, covers every task, and holds out its test subjects', () => {
    const set = builtinInstructions(corpus, { train: 400, test: 80, seed: 2 });
    expect(builtinInstructions(corpus, { train: 400, test: 80, seed: 2 })).toEqual(set);
    expect(builtinInstructions(corpus, { train: 400, test: 80, seed: 3 })).not.toEqual(set);
    expect(set.train).toHaveLength(400);
    expect(set.test).toHaveLength(80);
    const train = set.train.map(check);
    const test = set.test.map(check);
    expect(new Set(train.map((t) => t.task))).toEqual(new Set(['word', 'next', 'sum', 'odd']));
    for (const task of ['word', 'next', 'sum']) {
      const seen = new Set(train.filter((t) => t.task === task).map((t) => t.subject));
      const overlap = test.filter((t) => t.task === task && seen.has(t.subject));
      expect(overlap, `${task} subjects shared by train and test`).toEqual([]);
    }
  });

  it('draws words from the corpus: lowercase, 3–8 letters, most frequent first', () => {
    expect(frequentWords('the cat and the dog and the Cat a bird elephants', 3)).toEqual([
      'the',
      'and',
      'bird',
    ]);
  });
});
