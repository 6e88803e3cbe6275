// Refuses pre-tokenization patterns that JavaScript's backtracking engine could take exponential
// time on, before they run: a tokenizer.json is user input, and `(a+)+$` on a long line of a's
// would hang encoding. The pattern is parsed (regexpp, the ECMAScript grammar) and two shapes are
// refused: an unbounded repetition whose body itself repeats (star height above 1: `(a+)+`,
// `(a*b?)*`, `(a{2,5})+`), and backreferences (matching them is not regular at all). Every
// pattern glassbox and GPT-2/GPT-4-style tokenizers use passes. Not detected: polynomial cases
// such as `a*a*a*$` (slow on long pieces, never hanging), and overlapping alternatives under one
// repetition, `(a|a)+` (the nested-repetition rule catches the usual forms, `(a|ab)+` is rare).

import { RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';
import type { Node, Quantifier } from '@eslint-community/regexpp/ast';
import { GlassboxError } from '../util/errors.js';

/** Throws a GlassboxError for a pattern that does not compile or is unsafe, naming the part at fault. */
export function checkPatternSafety(pattern: string, where?: string): void {
  try {
    new RegExp(pattern, 'gu');
  } catch (e) {
    throw new GlassboxError(
      `the pre-tokenizer pattern is not a valid regular expression here (${(e as Error).message})`,
      where,
    );
  }
  let ast: ReturnType<RegExpParser['parsePattern']>;
  try {
    ast = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(pattern, 0, pattern.length, { unicode: true });
  } catch {
    return; // syntax newer than the parser knows but the engine runs: nothing to analyse
  }
  let problem: string | undefined;
  visitRegExpAST(ast, {
    onBackreferenceEnter(node) {
      problem ??= `it uses a backreference (${node.raw}), which can take exponential time to match`;
    },
    onQuantifierEnter(node) {
      if (problem || node.max !== Number.POSITIVE_INFINITY) return;
      const inner = repeatingInside(node.element);
      if (inner)
        problem = `it repeats ${JSON.stringify(node.raw)} around ${JSON.stringify(inner.raw)}, which repeats too: matching can backtrack exponentially (a hang on some text)`;
    },
  });
  if (problem)
    throw new GlassboxError(
      `the pre-tokenizer pattern is refused: ${problem}; rewrite it without nested repetition`,
      where,
    );
}

/** The first quantifier inside `node` that can match more than once, if any. */
function repeatingInside(node: Node): Quantifier | undefined {
  let found: Quantifier | undefined;
  visitRegExpAST(
    // visitRegExpAST walks from any node; a Pattern-shaped wrapper is not needed.
    node as Parameters<typeof visitRegExpAST>[0],
    {
      onQuantifierEnter(q) {
        if (!found && q.max > 1) found = q;
      },
    },
  );
  return found;
}
