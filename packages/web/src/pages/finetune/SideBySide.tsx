// Base versus fine-tuned answers to the same prompts, one row per prompt. A reply of whitespace
// only is made visible by the library's visibleWhitespace (· for a space, ↵ for a line break: a base model often answers so); a reply that ran out of tokens
// before the model said <|end|> ends in "…".

import { visibleWhitespace } from '@glassbox/model/tokenizer';
import type { AskRow } from '../../worker/protocol/finetune';

const visible = (text: string) =>
  text === '' ? '(nothing)' : text.trim() === '' ? visibleWhitespace(text) : text;
const show = (r: AskRow['base']) => `${visible(r.text)}${r.finished ? '' : ' …'}`;

export function SideBySide({ rows }: { rows: AskRow[] }) {
  return (
    <table data-testid="side-by-side" className="ft-side">
      <thead>
        <tr>
          <th>prompt</th>
          <th>base model</th>
          <th>fine-tuned</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.prompt}>
            <td>{r.prompt}</td>
            <td className="ft-answer">{show(r.base)}</td>
            <td className="ft-answer">{show(r.tuned)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
