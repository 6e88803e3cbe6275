// The step profiler: profiling times the kernels without changing a computed number, files every
// call under a family whose times and the remainder add up to the step's, and leaves the kernels
// exactly as it found them when it stops.

import { describe, expect, it } from 'vitest';
import { trainingFlopsPerToken } from '../../src/gpt/index.js';
import {
  encodeForTraining,
  startPretraining,
  type TrainingEvent,
  toyCorpusText,
  trainWithEvents,
} from '../../src/run/index.js';
import { trainChar } from '../../src/tokenizer/index.js';
import {
  BETWEEN_CALLS,
  DEFAULT_TRAIN_CONFIG,
  medianProfile,
  type StepProfile,
  THREAD_WAITING,
} from '../../src/train/index.js';

/** A wait clock that has waited 1 ns more at every reading while on (less than any call takes). */
function fakeWaits() {
  const state = { on: false, ms: 0, readings: 0 };
  const waits = {
    clock: (on: boolean) => {
      state.on = on;
    },
    ms: () => {
      if (state.on) {
        state.readings++;
        state.ms += 1e-6;
      }
      return state.ms;
    },
  };
  return { state, waits };
}

async function run(profile: boolean, waits?: ReturnType<typeof fakeWaits>['waits']) {
  const text = toyCorpusText().slice(0, 6000);
  const tokens = encodeForTraining(text, trainChar({ texts: [text] }), 0.1, 'toy');
  const r = await startPretraining({
    tokens,
    model: { blockSize: 16, nLayer: 2, nHead: 2, nEmbd: 16 },
    train: {
      ...DEFAULT_TRAIN_CONFIG,
      batchSize: 4,
      maxSteps: 6,
      warmupSteps: 2,
      decaySteps: 6,
      evalInterval: 3,
      evalBatches: 2,
    },
    record: {
      corpus: { kind: 'toy' },
      tokenizer: 'char',
      valFraction: 0.1,
      checkpointInterval: 0,
      modelSeed: 5,
    },
  });
  if (waits) Object.defineProperty(r.model.kernels, 'waits', { value: waits, configurable: true });
  const events: TrainingEvent[] = [];
  await trainWithEvents(r.trainer, { profile, onEvent: (e) => events.push(e) });
  const weights = Array.from(r.model.params.all.data);
  return { events, weights, kernels: r.model.kernels, config: r.model.config };
}

describe('KernelProfiler through trainWithEvents', () => {
  it('changes no computed number: the same losses and weights, bit for bit', async () => {
    const plain = await run(false);
    const timed = await run(true);
    const losses = (x: TrainingEvent[]) =>
      x.flatMap((e) => (e.kind === 'step' || e.kind === 'eval' ? [e] : []));
    expect(losses(timed.events).map((e) => [e.kind, e.step, 'loss' in e ? e.loss : undefined])).toEqual(
      losses(plain.events).map((e) => [e.kind, e.step, 'loss' in e ? e.loss : undefined]),
    );
    expect(timed.weights).toEqual(plain.weights);
    expect(plain.events.some((e) => e.kind === 'profile')).toBe(false);
  });

  it('files every kernel call under a family; families and the remainder add up to the step', async () => {
    const { events, kernels } = await run(true);
    const profiles = events.flatMap((e) => (e.kind === 'profile' ? [e.profile] : [])) as StepProfile[];
    expect(profiles.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const p of profiles) {
      const sum = p.rows.reduce((s, r) => s + r.ms, 0);
      expect(Math.abs(sum - p.ms)).toBeLessThan(Math.max(0.01 * p.ms, 0.05));
      expect(p.rows.map((r) => r.ms)).toEqual([...p.rows.map((r) => r.ms)].sort((a, b) => b - a));
    }
    const families = new Set(profiles[1].rows.map((r) => r.family));
    for (const f of [
      'matmul forward · attn.c_attn',
      'matmul forward · attn.c_proj',
      'matmul forward · mlp.c_fc',
      'matmul forward · mlp.c_proj',
      'matmul forward · lm_head',
      'matmul backward · attn.c_attn',
      'matmul backward · lm_head',
      'attention forward',
      'attention backward',
      'layernorm',
      'GELU',
      'softmax + cross-entropy',
      'AdamW',
      'embedding',
      'gradient clipping',
      BETWEEN_CALLS,
    ])
      expect(families, f).toContain(f);
    // Calls per step: 2 layers → two c_attn forwards, one head forward; AdamW once per parameter tensor.
    const row = (f: string) => profiles[1].rows.find((r) => r.family === f)!;
    expect(row('matmul forward · attn.c_attn').calls).toBe(2);
    expect(row('matmul forward · lm_head').calls).toBe(1);
    expect(row('matmul forward · mlp.c_fc').gflops).toBeGreaterThan(0);
    expect(row('AdamW').gbPerSecond).toBeGreaterThan(0);
    // Stopped: the kernels' own methods again (no timed wrappers left on the instance).
    expect(Object.getOwnPropertyNames(kernels).filter((n) => n === 'matmul' || n === 'adamw')).toEqual([]);
  });

  it("files the calling thread's waits inside kernels as thread waiting, out of their families' times", async () => {
    const fake = fakeWaits();
    const { events } = await run(true, fake.waits);
    const profiles = events.flatMap((e) => (e.kind === 'profile' ? [e.profile] : [])) as StepProfile[];
    for (const p of profiles) {
      const waiting = p.rows.find((r) => r.family === THREAD_WAITING);
      const kernelCalls = p.rows
        .filter((r) => r.family !== THREAD_WAITING && r.family !== BETWEEN_CALLS)
        .reduce((s, r) => s + r.calls, 0);
      // Every kernel call waited 1 ns (two readings apart) and says so once.
      expect(waiting?.calls).toBe(kernelCalls);
      expect(waiting?.ms).toBeCloseTo(kernelCalls * 1e-6, 12);
      const sum = p.rows.reduce((s, r) => s + r.ms, 0);
      expect(Math.abs(sum - p.ms)).toBeLessThan(Math.max(0.01 * p.ms, 0.05));
    }
    // Two readings per call, on only while profiling (evaluations between steps read it too).
    expect(fake.state.readings % 2).toBe(0);
    expect(fake.state.readings / 2).toBeGreaterThanOrEqual(
      profiles.reduce((s, p) => s + p.rows.find((r) => r.family === THREAD_WAITING)!.calls, 0),
    );
    expect(fake.state.on).toBe(false);
  });

  it('trainingFlopsPerToken matches the FLOPs of the products a step really runs', async () => {
    const { events, config } = await run(true);
    const profile = events.flatMap((e) => (e.kind === 'profile' ? [e.profile] : []))[1] as StepProfile;
    const counted = profile.rows.reduce((s, r) => s + (r.gflops ?? 0) * r.ms * 1e6, 0);
    const { nLayer: L, nEmbd: C, blockSize: T } = config;
    const tokens = 4 * T; // batch 4 of full blocks
    // The estimate counts the whole attention square (the causal kernels compute half of it) and
    // the biases and LayerNorm parameters (13 per width per layer, 2 at the end) as if multiplied.
    const expected = tokens * (trainingFlopsPerToken(config) - 6 * L * C * T - 6 * (13 * L * C + 2 * C));
    expect(counted / expected).toBeCloseTo(1, 6);
  });

  it('summarises steps by their medians', () => {
    const p = (step: number, ms: number, mm: number): StepProfile => ({
      step,
      ms,
      rows: [
        { family: 'matmul', ms: mm, calls: 3, share: mm / ms, gflops: 10 * step },
        { family: BETWEEN_CALLS, ms: ms - mm, calls: 0, share: (ms - mm) / ms },
      ],
    });
    const m = medianProfile([p(1, 10, 6), p(2, 20, 8), p(3, 30, 24)]);
    expect(m.ms).toBe(20);
    expect(m.rows[0]).toMatchObject({ family: 'matmul', ms: 8, share: 0.4, gflops: 20 });
    expect(m.rows[1]).toMatchObject({ family: BETWEEN_CALLS, ms: 6 });
  });
});
