// The BPE merge log, animated: merges play one after another ("t" + "h" → "th", seen N times)
// while a sample of the text is re-tokenized with only the merges made so far, so the pieces
// visibly grow from single bytes into words. Play/pause and a slider to scrub through merges.

import type { MergeRecord } from '@glassbox/model/tokenizer';
import { useEffect, useMemo, useState } from 'react';
import { run } from '../../worker/client';
import type { ShownToken } from '../../worker/protocol/tokens';
import { TokenView } from './TokenView';

const SAMPLE_CHARS = 160;
const FRAMES = 400; // about 400 frames for a whole run, whatever the number of merges

function Chip({ text }: { text: string }) {
  return <code className="merge-chip">{text.replaceAll(' ', '·').replaceAll('\n', '↵')}</code>;
}

export function MergeLog({
  merges,
  vocabSize,
  text,
}: {
  merges: MergeRecord[];
  vocabSize: number;
  text: string;
}) {
  const sample = text.slice(0, SAMPLE_CHARS);
  const [steps, setSteps] = useState<{ merges: number; tokens: ShownToken[] }[]>();
  const [at, setAt] = useState(0);
  const [playing, setPlaying] = useState(true);

  useEffect(() => {
    let live = true;
    run('tokensMergeSteps', { vocabSize, text: sample }).then((s) => live && setSteps(s));
    return () => {
      live = false;
    };
  }, [vocabSize, sample]);

  useEffect(() => {
    if (!playing) return;
    const stride = Math.max(1, Math.ceil(merges.length / FRAMES));
    const timer = setInterval(() => setAt((k) => Math.min(merges.length, k + stride)), 40);
    return () => clearInterval(timer);
  }, [playing, merges.length]);

  useEffect(() => {
    if (at >= merges.length) setPlaying(false);
  }, [at, merges.length]);

  const current = at > 0 ? merges[at - 1] : undefined;
  const shownStep = useMemo(() => steps?.filter((s) => s.merges <= at).at(-1), [steps, at]);
  const recent = merges.slice(Math.max(0, at - 8), at).reverse();

  return (
    <section className="merge-log" aria-label="merge log">
      <h2>How BPE learned its vocabulary</h2>
      <p className="muted">
        Training starts from the 256 byte values and repeatedly merges the most frequent adjacent pair into a
        new token. Below, the start of your text re-tokenized with only the merges made so far.
      </p>
      <div className="merge-controls">
        <button
          type="button"
          onClick={() => {
            if (at >= merges.length) setAt(0);
            setPlaying(at >= merges.length || !playing);
          }}
        >
          {playing ? 'Pause' : at >= merges.length ? 'Replay' : 'Play'}
        </button>
        <input
          type="range"
          min={0}
          max={merges.length}
          value={at}
          aria-label="merges applied"
          onChange={(e) => {
            setPlaying(false);
            setAt(Number(e.target.value));
          }}
        />
        <span data-testid="merge-step">
          merge {at.toLocaleString('en-US')} of {merges.length.toLocaleString('en-US')}
        </span>
      </div>
      <p className="merge-current" data-testid="merge-current">
        {current ? (
          <>
            <Chip text={current.leftText} /> + <Chip text={current.rightText} /> →{' '}
            <Chip text={current.text} />{' '}
            <span className="muted">
              id {current.id}, seen {current.count.toLocaleString('en-US')} times
            </span>
          </>
        ) : (
          <span className="muted">no merges yet: every byte is its own token</span>
        )}
      </p>
      {shownStep && <TokenView tokens={shownStep.tokens} />}
      <ol className="merge-recent" data-testid="merge-recent">
        {recent.map((m) => (
          <li key={m.id} value={m.id - 255}>
            <Chip text={m.leftText} /> + <Chip text={m.rightText} /> → <Chip text={m.text} />{' '}
            <span className="muted">×{m.count.toLocaleString('en-US')}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
