// The worker's pure parts in Node: which dropped files make a checkpoint (flat files, a dropped
// run folder, a zip; the folder named checkpoint wins over leftovers; anything else is refused
// by name), and how a corpus is tokenized and split (90 % train, 10 % validation, in order).

import { GlassboxError } from '@glassbox/model';
import { CHECKPOINT_FILES } from '@glassbox/model/checkpoint';
import { toyCorpus } from '@glassbox/model/data';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FIELD_LABELS } from '../src/components/field-labels';
import { errorReply, jobError } from '../src/worker/error-reply';
import { pickCheckpointFiles } from '../src/worker/jobs/checkpoint';
import { encodeCorpus } from '../src/worker/jobs/corpus';

const bytes = (s: string) => new TextEncoder().encode(s);
const folder = (prefix: string, tag: string) =>
  Object.values(CHECKPOINT_FILES).map((name) => ({
    name: `${prefix}${name}`,
    bytes: bytes(`${tag}:${name}`),
  }));
const text = (b: unknown) => (b instanceof Uint8Array ? new TextDecoder().decode(b) : undefined);

describe('pickCheckpointFiles', () => {
  it('takes loose files by name and ignores what is not a checkpoint file', async () => {
    const picked = await pickCheckpointFiles([
      ...folder('', 'a'),
      { name: 'metrics.jsonl', bytes: bytes('{}') },
    ]);
    expect(Object.keys(picked.files).sort()).toEqual(Object.values(CHECKPOINT_FILES).sort());
    expect(text(picked.files['config.json'])).toBe('a:config.json');
  });

  it('prefers the checkpoint/ folder of a dropped run folder, inside a zip too', async () => {
    const run = [...folder('run/checkpoint.old/', 'old'), ...folder('run/checkpoint/', 'new')];
    expect(text((await pickCheckpointFiles(run)).files['model.safetensors'])).toBe('new:model.safetensors');
    const zip = zipSync(Object.fromEntries(run.map((f) => [f.name, f.bytes])));
    const fromZip = await pickCheckpointFiles([{ name: 'run.zip', bytes: zip }]);
    expect(fromZip.where).toBe('run/checkpoint');
    expect(text(fromZip.files['tokenizer.json'])).toBe('new:tokenizer.json');
  });

  it('names what was dropped when it is not a checkpoint, and a zip it cannot read', async () => {
    await expect(pickCheckpointFiles([{ name: 'cat.jpg', bytes: bytes('jpeg') }])).rejects.toThrow(
      /“cat\.jpg” is not a checkpoint: expected the folder glassbox train writes/,
    );
    await expect(pickCheckpointFiles([{ name: 'model.safetensors', bytes: bytes('x') }])).rejects.toThrow(
      /not a checkpoint/,
    );
    await expect(pickCheckpointFiles([{ name: 'broken.zip', bytes: bytes('PK nonsense') }])).rejects.toThrow(
      /broken\.zip: not a readable zip file/,
    );
    await expect(pickCheckpointFiles([])).rejects.toThrow(GlassboxError);
  });

  it("takes a Hub GPT-2 folder's files as dropped Files: weights left to stream, the rest read", async () => {
    const names = [
      'config.json',
      'model.safetensors',
      'vocab.json',
      'merges.txt',
      'generation_config.json',
      'pytorch_model.bin',
      'README.md',
    ];
    const dropped = names.map((n) => ({ name: `gpt2/${n}`, file: new Blob([bytes(`x:${n}`)]) }));
    const picked = await pickCheckpointFiles(dropped);
    expect(picked.where).toBe('gpt2');
    expect(Object.keys(picked.files).sort()).toEqual(names.filter((n) => n !== 'README.md').sort());
    const weights = picked.files['model.safetensors'] as {
      size: number;
      read(o: number, n: number): Promise<Uint8Array>;
    };
    expect(weights).not.toBeInstanceOf(Uint8Array);
    expect(text(await weights.read(2, 4))).toBe('mode');
    expect(text(picked.files['merges.txt'])).toBe('x:merges.txt');
    expect((picked.files['pytorch_model.bin'] as Uint8Array).length).toBe(0); // noted, never read
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

describe('a job error on its way to the page', () => {
  it("names a setting by its control's label, keeps places and bugs as they are", () => {
    const about = errorReply(3, new GlassboxError('must be a whole number ≥ 1, got 0', { field: 'rank' }));
    expect(about).toMatchObject({
      id: 3,
      userError: true,
      field: 'rank',
      detail: 'must be a whole number ≥ 1, got 0',
    });
    expect(about.message).toBe('rank: must be a whole number ≥ 1, got 0'); // the library's own words
    expect(jobError(about).message).toBe('LoRA rank: must be a whole number ≥ 1, got 0');
    expect(jobError(about).field).toBe('rank');

    const placed = errorReply(
      4,
      new GlassboxError('not a checkpoint', { where: 'notes.zip', field: 'data' }),
    );
    expect(placed.field).toBeUndefined();
    expect(jobError(placed).message).toBe('notes.zip: not a checkpoint');

    const bug = errorReply(5, new TypeError('x is undefined'));
    expect(bug).toMatchObject({ userError: false, message: 'x is undefined' });
    expect(jobError(bug).message).toBe('x is undefined');
  });

  it('has a label for every setting the library can name', () => {
    for (const [field, label] of Object.entries(FIELD_LABELS)) {
      expect(label, field).toMatch(/^\S/);
      expect(label, field).not.toMatch(/^--/);
    }
  });
});
