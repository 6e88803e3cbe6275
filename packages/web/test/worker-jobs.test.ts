// The worker's pure parts in Node: which dropped files make a checkpoint (flat files, a dropped
// run folder, a zip; the folder named checkpoint wins over leftovers; anything else is refused
// by name), and how a corpus is tokenized and split (90 % train, 10 % validation, in order).

import { GlassboxError } from '@glassbox/model';
import { CHECKPOINT_FILES } from '@glassbox/model/checkpoint';
import { toyCorpus } from '@glassbox/model/data';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { pickCheckpointFiles } from '../src/worker/jobs/checkpoint';
import { encodeCorpus } from '../src/worker/jobs/corpus';

const bytes = (s: string) => new TextEncoder().encode(s);
const folder = (prefix: string, tag: string) =>
  Object.values(CHECKPOINT_FILES).map((name) => ({
    name: `${prefix}${name}`,
    bytes: bytes(`${tag}:${name}`),
  }));
const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined);

describe('pickCheckpointFiles', () => {
  it('takes loose files by name and ignores what is not a checkpoint file', () => {
    const picked = pickCheckpointFiles([...folder('', 'a'), { name: 'metrics.jsonl', bytes: bytes('{}') }]);
    expect(Object.keys(picked.files).sort()).toEqual(Object.values(CHECKPOINT_FILES).sort());
    expect(text(picked.files['config.json'])).toBe('a:config.json');
  });

  it('prefers the checkpoint/ folder of a dropped run folder, inside a zip too', () => {
    const run = [...folder('run/checkpoint.old/', 'old'), ...folder('run/checkpoint/', 'new')];
    expect(text(pickCheckpointFiles(run).files['model.safetensors'])).toBe('new:model.safetensors');
    const zip = zipSync(Object.fromEntries(run.map((f) => [f.name, f.bytes])));
    const fromZip = pickCheckpointFiles([{ name: 'run.zip', bytes: zip }]);
    expect(fromZip.where).toBe('run/checkpoint');
    expect(text(fromZip.files['tokenizer.json'])).toBe('new:tokenizer.json');
  });

  it('names what was dropped when it is not a checkpoint, and a zip it cannot read', () => {
    expect(() => pickCheckpointFiles([{ name: 'cat.jpg', bytes: bytes('jpeg') }])).toThrow(
      /“cat\.jpg” is not a checkpoint: expected the folder glassbox train writes/,
    );
    expect(() => pickCheckpointFiles([{ name: 'model.safetensors', bytes: bytes('x') }])).toThrow(
      /not a checkpoint/,
    );
    expect(() => pickCheckpointFiles([{ name: 'broken.zip', bytes: bytes('PK nonsense') }])).toThrow(
      /broken\.zip: not a readable zip file/,
    );
    expect(() => pickCheckpointFiles([])).toThrow(GlassboxError);
  });
});

describe('encodeCorpus', () => {
  it('splits the toy corpus 90/10 in order, with a word vocabulary that decodes it back', async () => {
    const enc = await encodeCorpus({ kind: 'toy' }, 'word');
    const all = [...enc.train, ...enc.val!];
    expect(enc.tokenizer.decode(all)).toBe(toyCorpus({ seed: 1, sentences: 4000 }));
    expect(enc.train.length).toBe(Math.round(all.length * 0.9));
    expect(enc.valText.startsWith(enc.tokenizer.decode(Array.from(enc.val!).slice(0, 20)))).toBe(true);
  });

  it('refuses an empty text, and text the given tokenizer cannot encode', async () => {
    await expect(encodeCorpus({ kind: 'text', name: 'empty.txt', text: ' \n' }, 'char')).rejects.toThrow(
      /empty\.txt: the text is empty/,
    );
    const abc = await encodeCorpus({ kind: 'text', name: 'abc.txt', text: 'abcabc' }, 'char');
    await expect(
      encodeCorpus({ kind: 'text', name: 'xyz.txt', text: 'xyz' }, 'char', abc.tokenizer),
    ).rejects.toThrow(/xyz\.txt: this tokenizer cannot encode it \(character "x"/);
  });
});

describe('encodeCorpus with byte-level BPE', () => {
  it('learns 512 tokens from the text and encodes it losslessly in fewer tokens than characters', async () => {
    const text = toyCorpus({ seed: 3, sentences: 300 });
    const enc = await encodeCorpus({ kind: 'text', name: 'toy.txt', text }, 'bpe');
    expect(enc.tokenizer.kind).toBe('bpe');
    expect(enc.tokenizer.vocabSize).toBeLessThanOrEqual(512);
    const all = [...enc.train, ...enc.val!];
    expect(enc.tokenizer.decode(all)).toBe(text);
    expect(all.length).toBeLessThan(text.length / 2);
  });
});
