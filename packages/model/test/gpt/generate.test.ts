// Inference: the KV-cache session reproduces the full forward pass; sampling filters behave as
// documented; generation is seeded.

import { describe, expect, it } from 'vitest';
import {
  drawFrom,
  GPT,
  generate,
  InferenceSession,
  samplingDistribution,
  softmax,
  topCandidates,
} from '../../src/gpt/index.js';
import { Random } from '../../src/index.js';

const config = { vocabSize: 11, blockSize: 8, nLayer: 2, nHead: 2, nEmbd: 16 };

async function model(): Promise<GPT> {
  const m = await GPT.create(config, { seed: 4 });
  const rng = new Random(9);
  const w = m.params.all.data;
  for (let i = 0; i < w.length; i++) w[i] += rng.normal() * 0.2; // sharper than the init
  return m;
}

describe('InferenceSession (KV cache)', () => {
  it('gives, token by token, the logits of the full forward pass at every position', async () => {
    const m = await model();
    const tokens = [3, 1, 4, 1, 5, 9, 2, 6];
    m.forward({ tokens, B: 1, T: tokens.length });
    const full = m.activations!.logits.data.slice(0, tokens.length * config.vocabSize);
    const session = new InferenceSession(m);
    tokens.forEach((t, pos) => {
      const logits = session.push(t);
      const want = full.subarray(pos * config.vocabSize, (pos + 1) * config.vocabSize);
      for (let v = 0; v < config.vocabSize; v++) expect(logits[v]).toBeCloseTo(want[v], 4);
    });
  });

  it('slides the window by half a block once the context is full', async () => {
    const m = await model();
    const tokens = [3, 1, 4, 1, 5, 9, 2, 6, 5];
    const session = new InferenceSession(m);
    let logits = new Float32Array();
    for (const t of tokens) logits = session.push(t).slice();
    // Equivalent: the last blockSize/2 = 4 tokens from position 0.
    const tail = tokens.slice(-4);
    m.forward({ tokens: tail, B: 1, T: 4 });
    const want = m.activations!.logits.data.slice(3 * config.vocabSize, 4 * config.vocabSize);
    for (let v = 0; v < config.vocabSize; v++) expect(logits[v]).toBeCloseTo(want[v], 4);
    expect(session.tokens).toEqual(tokens);
  });

  it('takes a prompt at once (in chunks of rows) with the logits of the full forward pass', async () => {
    // A block longer than a prefill chunk, so the prompt spans chunk boundaries.
    const long = { vocabSize: 11, blockSize: 150, nLayer: 2, nHead: 2, nEmbd: 16 };
    const m = await GPT.create(long, { seed: 8 });
    const rng = new Random(3);
    const tokens = Array.from({ length: 140 }, () => Math.floor(rng.next() * 11));
    m.forward({ tokens, B: 1, T: tokens.length });
    const V = long.vocabSize;
    const full = m.activations!.logits.data.slice(0, tokens.length * V);
    const session = new InferenceSession(m);
    const atOnce = session.pushAll(tokens.slice(0, 139)).slice();
    for (let v = 0; v < V; v++) expect(atOnce[v]).toBeCloseTo(full[138 * V + v], 4);
    const next = session.push(tokens[139]);
    for (let v = 0; v < V; v++) expect(next[v]).toBeCloseTo(full[139 * V + v], 4);
    session.dispose();
    // A small cache slides at its own capacity: the last capacity/2 tokens from position 0.
    const small = new InferenceSession(m, { capacity: 10 });
    const slid = small.pushAll(tokens.slice(0, 11)).slice();
    m.forward({ tokens: tokens.slice(6, 11), B: 1, T: 5 });
    for (let v = 0; v < V; v++) expect(slid[v]).toBeCloseTo(m.activations!.logits.data[4 * V + v], 4);
    expect(() => new InferenceSession(m, { capacity: 151 })).toThrow(
      /capacity must be a whole number from 1 to 150/,
    );
    small.dispose();
  });
});

describe('sampling', () => {
  const logits = [1, 3, 2, 0, 3];

  it('temperature 0 is greedy (the first of tied maxima), temperature 1 is the softmax', () => {
    expect([...samplingDistribution(logits, { temperature: 0 })]).toEqual([0, 1, 0, 0, 0]);
    const p = samplingDistribution(logits, { temperature: 1 });
    const z = logits.reduce((s, x) => s + Math.exp(x), 0);
    p.forEach((v, i) => {
      expect(v).toBeCloseTo(Math.exp(logits[i]) / z, 12);
    });
  });

  it('top-k keeps the k most likely tokens and renormalises', () => {
    const p = samplingDistribution(logits, { topK: 2 });
    expect(p[1]).toBeCloseTo(0.5, 12);
    expect(p[4]).toBeCloseTo(0.5, 12);
    expect(p[0] + p[2] + p[3]).toBe(0);
  });

  it('top-p keeps the smallest head whose mass reaches p', () => {
    const probs = softmax(logits);
    const head = probs[1] + probs[4]; // the two tied maxima
    const p = samplingDistribution(logits, { topP: head - 1e-9 });
    expect(p[2]).toBe(0);
    const wider = samplingDistribution(logits, { topP: head + 1e-9 });
    expect(wider[2]).toBeGreaterThan(0);
    expect(wider[0]).toBe(0);
  });

  it('draws by the distribution: frequencies match probabilities', () => {
    const probs = softmax([0, Math.log(3)]); // [0.25, 0.75]
    const rng = new Random(1);
    let ones = 0;
    for (let i = 0; i < 20000; i++) ones += drawFrom(probs, rng);
    expect(ones / 20000).toBeCloseTo(0.75, 1.5);
  });

  it('lists the top candidates in order with p and −ln p', () => {
    const probs = softmax(logits);
    const top = topCandidates(probs, 3, probs);
    expect(top.map((c) => c.id)).toEqual([1, 4, 2]);
    expect(top[0].nll).toBeCloseTo(-Math.log(probs[1]), 12);
  });
});

describe('generate', () => {
  it('is reproducible for a seed, differs across seeds, and is greedy at temperature 0', async () => {
    const m = await model();
    const run = (seed: number, temperature = 1) =>
      [...generate(m, [1, 2], { maxTokens: 12, seed, temperature })].map((s) => s.id);
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
    const greedy = [...generate(m, [1, 2], { maxTokens: 5, temperature: 0 })];
    for (const step of greedy) expect(step.id).toBe(step.candidates[0].id);
  });

  it('refuses an empty prompt', async () => {
    const m = await model();
    expect(() => [...generate(m, [], { maxTokens: 1 })]).toThrow(/prompt is empty/);
  });
});
