// The tokenized text: each token a coloured piece (whitespace made visible: · for a space, ↵ for
// a newline, → for a tab), and below it the ids in the same colours. Hovering a piece highlights
// its id and hovering an id highlights its piece, so the two are linked both ways.

import { visibleWhitespace } from '@glassbox/model/tokenizer';
import { Fragment, useState } from 'react';
import type { ShownToken } from '../../worker/protocol/tokens';

const COLOURS = 6;

/** A label with visible whitespace; a newline also breaks the line, as in the text. */
function Piece({ label }: { label: string }) {
  const parts = visibleWhitespace(label).split('↵');
  return (
    <>
      {parts.map((part, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one label never reorder
        <Fragment key={i}>
          {i > 0 && (
            <>
              ↵<br />
            </>
          )}
          {part}
        </Fragment>
      ))}
    </>
  );
}

export function TokenView({ tokens }: { tokens: ShownToken[] }) {
  const [hover, setHover] = useState<number>();
  const cls = (base: string, i: number) => `${base} tok-c${i % COLOURS}${hover === i ? ' tok-hover' : ''}`;
  const handlers = (i: number) => ({
    onMouseEnter: () => setHover(i),
    onMouseLeave: () => setHover(undefined),
  });
  return (
    <div className="tok-view">
      <div className="tok-text" data-testid="token-pieces">
        {tokens.map((t, i) => (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: tokens are positional
            key={i}
            className={cls('tok-piece', i)}
            data-index={i}
            title={`token ${i}: id ${t.id}, bytes ${t.start}–${t.end}`}
            {...handlers(i)}
          >
            <Piece label={t.label} />
          </span>
        ))}
      </div>
      <div className="tok-ids" data-testid="token-ids" title="token ids">
        {tokens.map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: tokens are positional
          <span key={i} className={cls('tok-id', i)} data-index={i} {...handlers(i)}>
            {t.id}
          </span>
        ))}
      </div>
    </div>
  );
}
