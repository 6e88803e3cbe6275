// Built-in corpora by name: a run record names them by kind, and reopening a run finds the same
// text again without a path (the tour's corpus included, so a tour run saved in the explorer
// continues in the CLI).

import { describe, expect, it } from 'vitest';
import { openCorpus, reopenCorpus } from '../../src/node/index.js';
import { tourCorpusText, toyCorpusText } from '../../src/run/index.js';

describe('openCorpus and reopenCorpus on built-in corpora', () => {
  it('open by name and reopen from the record alone; another built-in corpus is refused', async () => {
    for (const [name, text] of [
      ['toy', toyCorpusText()],
      ['tour', tourCorpusText()],
    ] as const) {
      const opened = await openCorpus(name);
      expect(opened).toEqual({ ref: { kind: name }, kind: 'text', text });
      expect(await reopenCorpus({ kind: name })).toEqual(opened);
    }
    await expect(reopenCorpus({ kind: 'tour' }, 'toy')).rejects.toThrow(
      /trained on the tour's corpus \(built in\), not on the toy corpus/,
    );
  });
});
