// Fuzzing the loaders: valid files (safetensors, config.json, tokenizer.json, word2vec text and
// binary, token shards, JSONL of conversations and of documents) are cut short, have bytes
// flipped, or get huge and odd numbers in place of their numbers. Every mutation must load or be
// refused with a GlassboxError — never another exception (a bug's TypeError, RangeError from a
// huge allocation) and never a hang. fast-check with fixed seeds: the same cases every run.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJSONBytes } from '../../src/checkpoint/hub.js';
import { decodeSafetensors, encodeSafetensors } from '../../src/checkpoint/safetensors.js';
import { readDocuments } from '../../src/data/readers/index.js';
import { encodeShard } from '../../src/data/shards.js';
import { parseConversations } from '../../src/finetune/sft-data.js';
import { fromHuggingFaceConfig, toHuggingFaceConfig } from '../../src/gpt/config.js';
import { readShard } from '../../src/node/shards.js';
import { tokenizerFromJSON, trainBpe, trainChar, trainTokenizer } from '../../src/tokenizer/index.js';
import { isGlassboxError } from '../../src/util/errors.js';
import { formatWord2VecBinary, formatWord2VecText, parseWord2Vec } from '../../src/word2vec/formats.js';
import { WordVectors } from '../../src/word2vec/vectors.js';

const enc = new TextEncoder();
const dec = new TextDecoder();
const RUNS = 300;

/** Numbers a hostile or broken file might hold where a small count belongs. */
const ODD_NUMBERS = ['1e308', '-1', '0', '4294967296', '9007199254740993', '1.5', 'NaN', '""', 'null', '[]'];

/** A mutation of `valid`: truncated, bytes flipped, or a run of digits replaced by an odd number. */
function mutations(valid: Uint8Array): fc.Arbitrary<Uint8Array> {
  const truncate = fc.nat({ max: valid.length }).map((n) => valid.slice(0, n));
  const flip = fc
    .array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 1, max: 255 })), {
      minLength: 1,
      maxLength: 8,
    })
    .map((flips) => {
      const out = valid.slice();
      for (const [at, x] of flips) out[at] ^= x;
      return out;
    });
  const text = dec.decode(valid);
  const digitRuns = [...text.matchAll(/\d+/g)].map((m) => [m.index, m[0].length] as const);
  const huge =
    digitRuns.length === 0
      ? truncate
      : fc
          .tuple(fc.constantFrom(...digitRuns), fc.constantFrom(...ODD_NUMBERS))
          .map(([[at, len], n]) => enc.encode(text.slice(0, at) + n + text.slice(at + len)));
  return fc.oneof(truncate, flip, huge);
}

/** Runs `load` on many mutations of `valid`: each must succeed or throw a GlassboxError. */
async function fuzz(name: string, valid: Uint8Array, load: (bytes: Uint8Array) => unknown, seed: number) {
  await load(valid); // the valid file itself loads
  await fc.assert(
    fc.asyncProperty(mutations(valid), async (bytes) => {
      try {
        await load(bytes);
      } catch (e) {
        if (!isGlassboxError(e)) throw new Error(`${name}: ${(e as Error)?.stack ?? String(e)}`);
      }
    }),
    { seed, numRuns: RUNS },
  );
}

const tensors = [
  { name: 'wte.weight', shape: [4, 3], data: Float32Array.from({ length: 12 }, (_, i) => i / 7) },
  { name: 'ln_f.bias', shape: [3], data: new Float32Array([1, 2, 3]) },
];

describe('loaders under random damage: a GlassboxError or a valid load, nothing else', () => {
  it('safetensors', () =>
    fuzz(
      'safetensors',
      encodeSafetensors(tensors, { format: 'pt' }),
      (b) => decodeSafetensors(b, 'm.safetensors'),
      1,
    ));

  it('config.json', () => {
    const config = { vocabSize: 65, blockSize: 32, nLayer: 2, nHead: 2, nEmbd: 16 };
    const bytes = enc.encode(JSON.stringify(toHuggingFaceConfig(config as never)));
    return fuzz('config.json', bytes, (b) => fromHuggingFaceConfig(parseJSONBytes(b, 'config.json')), 2);
  });

  it('tokenizer.json (byte-level BPE, char, word), then encoding with it', async () => {
    const text = 'the cat sat on the mat; the dog sat on the log. 123 €';
    const toks = [
      trainBpe({ texts: [text], vocabSize: 270 }).tokenizer,
      trainChar({ texts: [text] }),
      trainTokenizer({ type: 'word', texts: [text], vocabSize: 20 }),
    ];
    let seed = 3;
    for (const tok of toks) {
      await fuzz(
        `tokenizer.json (${tok.kind})`,
        enc.encode(JSON.stringify(tok.toJSON())),
        (b) => {
          const loaded = tokenizerFromJSON(dec.decode(b), 'tokenizer.json');
          loaded.decode(loaded.encode(text));
        },
        seed++,
      );
    }
  });

  it('word2vec text and binary', async () => {
    const v = new WordVectors(
      ['cat', 'dog', 'banana'],
      3,
      Float32Array.from({ length: 9 }, (_, i) => i - 4),
    );
    await fuzz('word2vec text', enc.encode(formatWord2VecText(v)), (b) => parseWord2Vec(b, 'v.txt'), 6);
    await fuzz('word2vec binary', formatWord2VecBinary(v), (b) => parseWord2Vec(b, 'v.bin'), 7);
  });

  it('token shards: the .bin and its sidecar', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gb-fuzz-shard-'));
    const { bytes, meta } = encodeShard([1, 5, 9, 3, 0, 9], {
      vocabSize: 10,
      tokenizer: { kind: 'char', hash: 'x' },
    });
    const bin = join(dir, 'train.bin');
    const sidecar = join(dir, 'train.json');
    writeFileSync(sidecar, JSON.stringify(meta));
    await fuzz(
      'shard .bin',
      bytes,
      async (b) => {
        writeFileSync(bin, b);
        await readShard(bin);
      },
      8,
    );
    writeFileSync(bin, bytes);
    await fuzz(
      'shard sidecar',
      enc.encode(JSON.stringify(meta)),
      async (b) => {
        writeFileSync(sidecar, b);
        await readShard(bin);
      },
      9,
    );
  });

  it('JSONL: conversations for fine-tuning and documents for data preparation', async () => {
    const conversations = [
      '{"messages":[{"role":"user","content":"hi 12"},{"role":"assistant","content":"hello 3"}]}',
      '{"prompt":"2+2?","response":"4"}',
    ].join('\n');
    await fuzz(
      'conversations',
      enc.encode(conversations),
      (b) => parseConversations(dec.decode(b), 'c.jsonl'),
      10,
    );
    const docs = '{"text":"first document, 42 words"}\n{"text":"second","id":7}\n';
    await fuzz(
      'documents',
      enc.encode(docs),
      async (b) => {
        for await (const _ of readDocuments('d.jsonl', [b], { format: 'jsonl' }));
      },
      11,
    );
  });
});

it('the fuzzing can fail: a loader throwing a TypeError is caught', async () => {
  const failure = await fuzz(
    'broken',
    enc.encode('{"a":1}'),
    (b) => {
      if (b.length < 7) throw new TypeError('a bug');
    },
    12,
  ).then(
    () => 'passed',
    (e: Error) => `${e.message} ${String((e.cause as Error | undefined)?.message)}`,
  );
  expect(failure).toMatch(/Counterexample[\s\S]*broken: TypeError: a bug/);
});
