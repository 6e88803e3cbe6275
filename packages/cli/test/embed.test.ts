// `glassbox embed …` as a user runs it: train on the toy corpus, ask for neighbours, analogies
// and the odd one out, project to a map, score on hand-made benchmark files, convert formats,
// and bad input refused with one clear line.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { glassbox } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'gb-cli-embed-'));
const vectors = join(dir, 'toy.bin');

describe('glassbox embed', () => {
  beforeAll(() => {
    const r = glassbox([
      'embed',
      'train',
      '--corpus',
      'toy',
      '--dim',
      '24',
      '--min-count',
      '1',
      '--epochs',
      '8',
      '--seed',
      '3',
      '--out',
      vectors,
    ]);
    expect(r.stderr).toMatch(/epoch 8\/8: loss \d\.\d{4} per example/);
    expect(r.status).toBe(0);
  });

  it('trains on the toy corpus with the loss falling, and writes the vectors', () => {
    const r = glassbox([
      'embed',
      'train',
      '--corpus',
      'toy',
      '--model',
      'cbow',
      '--dim',
      '8',
      '--min-count',
      '1',
      '--epochs',
      '3',
      '--out',
      join(dir, 'cbow.txt'),
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^word2vec cbow on toy: 2,000 sentences, [\d,]+ words, vocabulary 108 \(min count 1\)/,
    );
    const losses = [...r.stderr.matchAll(/epoch \d\/3: loss (\d\.\d+)/g)].map((m) => Number(m[1]));
    expect(losses).toHaveLength(3);
    expect(losses[2]).toBeLessThan(losses[0]);
    expect(readFileSync(join(dir, 'cbow.txt'), 'utf8').split('\n')[0]).toBe('108 8');
  });

  it('lists neighbours, answers analogies and finds the odd one out', () => {
    const similar = glassbox(['embed', 'similar', vectors, 'cat', '-n', '5']);
    expect(similar.status).toBe(0);
    const rows = similar.stdout.trim().split('\n').slice(2);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatch(/^1\s+dog\s+0\.\d{4}$/);
    expect(similar.stdout).not.toMatch(/banana/);
    const analogy = glassbox(['embed', 'analogy', vectors, 'man', 'king', 'woman', '--method', 'mul']);
    expect(analogy.status).toBe(0);
    expect(analogy.stdout).toMatch(/^man is to king as woman is to …\n/);
    expect(analogy.stdout.split('\n')[3]).toMatch(/^1\s+queen\s/);
    const odd = glassbox(['embed', 'odd', vectors, 'cat', 'dog', 'banana']);
    expect(odd.stdout).toMatch(/^odd one out: banana$/m);
  });

  it('projects to a map as JSON points', () => {
    const out = join(dir, 'points.json');
    const pca = glassbox(['embed', 'project', vectors, '--out', out]);
    expect(pca.status).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.method).toBe('pca');
    expect(json.points).toHaveLength(108);
    expect(Object.keys(json.points[0])).toEqual(['word', 'id', 'x', 'y']);
    const umap = glassbox([
      'embed',
      'project',
      vectors,
      '--method',
      'umap',
      '--top',
      '40',
      '--components',
      '3',
      '--out',
      out,
      '--force',
    ]);
    expect(umap.status).toBe(0);
    const u = JSON.parse(readFileSync(out, 'utf8'));
    expect(u.points).toHaveLength(40);
    expect(Object.keys(u.points[0])).toEqual(['word', 'id', 'x', 'y', 'z']);
  });

  it('scores vectors on analogy and word-pair files', () => {
    const analogies = join(dir, 'questions.txt');
    writeFileSync(
      analogies,
      ': royals\nman king woman queen\nman king woman unicorn\n: pets\ncat dog apple pear\n',
    );
    const pairs = join(dir, 'pairs.tsv');
    writeFileSync(pairs, 'cat\tdog\t9\napple\tpear\t8.5\ncat\tbanana\t1\ncar\tbus\t7\nking\tunicorn\t5\n');
    const r = glassbox(['embed', 'eval', vectors, '--analogies', analogies, '--pairs', pairs]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^analogies \(3CosAdd\), 1 skipped for unknown words$/m);
    expect(r.stdout).toMatch(/^royals\s+1\s+1\s+100\.0 %$/m);
    expect(r.stdout).toMatch(/^total\s+\d\s+2\s+/m);
    expect(r.stdout).toMatch(
      /^word pairs: Spearman -?\d\.\d{4}, Pearson -?\d\.\d{4} over 4 pairs \(1 skipped for unknown words\)$/m,
    );
  });

  it('converts between binary, text and Projector TSV without changing a vector', () => {
    const txt = join(dir, 'v.txt');
    const tsv = join(dir, 'v.tsv');
    expect(glassbox(['embed', 'convert', vectors, txt]).status).toBe(0);
    const c = glassbox(['embed', 'convert', txt, tsv]);
    expect(c.stdout).toMatch(/wrote 108 vectors of 24 to .*v\.tsv and .*v\.metadata\.tsv/);
    const again = glassbox(['embed', 'convert', vectors, txt]);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/v\.txt: already exists; choose another path, or add --force to replace it/);
    expect(glassbox(['embed', 'convert', vectors, txt, '--force']).status).toBe(0);
    const a = glassbox(['embed', 'similar', vectors, 'banana']).stdout;
    expect(glassbox(['embed', 'similar', tsv, 'banana']).stdout).toBe(a);
  });

  it('refuses unknown words, bad flags and missing files with one line', () => {
    const unknown = glassbox(['embed', 'similar', vectors, 'bananna']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim()).toBe(
      'error: "bananna" is not in the vocabulary of 108 words; did you mean "banana"?',
    );
    const dim = glassbox(['embed', 'train', '--corpus', 'toy', '--dim', '0', '--out', join(dir, 'x.bin')]);
    expect(dim.stderr.trim()).toBe('error: --dim: expected an integer ≥ 1, got "0"');
    const model = glassbox([
      'embed',
      'train',
      '--corpus',
      'toy',
      '--model',
      'glove',
      '--out',
      join(dir, 'x.bin'),
    ]);
    expect(model.stderr.trim()).toBe('error: --model: expected one of skipgram, cbow, got "glove"');
    const missing = glassbox(['embed', 'similar', join(dir, 'nope.bin'), 'cat']);
    expect(missing.stderr.trim()).toMatch(/^error: .*nope\.bin: no such vectors file; check the path$/);
    const corpus = glassbox([
      'embed',
      'train',
      '--corpus',
      join(dir, 'none.txt'),
      '--out',
      join(dir, 'x.bin'),
    ]);
    expect(corpus.stderr.trim()).toMatch(/none\.txt: no such corpus file; check the path$/);
    for (const r of [unknown, dim, model, missing, corpus]) {
      expect(r.status).toBe(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('glassbox bench --only word2vec', () => {
  it('prints words/s for skip-gram and CBOW, beside gensim run in the same run when it is installed', () => {
    const r = glassbox(['bench', '--quick', '--json', '--only', 'word2vec']);
    expect(r.status).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const gensim = spawnSync('/usr/bin/python3', ['-c', 'import gensim'], { encoding: 'utf8' }).status === 0;
    expect(rows).toHaveLength(gensim ? 4 : 2);
    for (const row of rows) {
      expect(row.extra.words_per_s).toBeGreaterThan(0);
      expect(row.ms).toBeGreaterThan(0);
    }
    const kernels = ['word2vec skip-gram (ms per epoch)', 'word2vec CBOW (ms per epoch)'];
    expect(rows.filter((x) => x.impl === 'glassbox').map((x) => x.kernel)).toEqual(kernels);
    expect(rows.filter((x) => x.impl.startsWith('gensim ')).map((x) => x.kernel)).toEqual(
      gensim ? kernels : [],
    );
    if (!gensim) expect(r.stderr).toContain('gensim not installed');
  });
});

describe('glassbox embed on a GPT checkpoint', () => {
  it('reads the token embeddings of a checkpoint folder, rows named by its tokenizer', async () => {
    const { GPT } = await import('@glassbox/model/gpt');
    const { saveCheckpoint } = await import('@glassbox/model/checkpoint');
    const { trainChar } = await import('@glassbox/model/tokenizer');
    const { writeCheckpointDir } = await import('@glassbox/model/node');
    const tokenizer = trainChar({ texts: ['the cat sat on the mat'] });
    const model = await GPT.create(
      { vocabSize: tokenizer.vocabSize, blockSize: 8, nLayer: 1, nHead: 1, nEmbd: 8 },
      { seed: 2 },
    );
    const ckpt = join(dir, 'ckpt');
    await writeCheckpointDir(ckpt, saveCheckpoint({ model, tokenizer }));
    const r = glassbox(['embed', 'similar', ckpt, 'c', '-n', '3']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(5);
    const bad = glassbox(['embed', 'similar', ckpt, 'z']);
    expect(bad.stderr.trim()).toMatch(/^error: "z" is not in the vocabulary of \d+ words/);
  });
});
