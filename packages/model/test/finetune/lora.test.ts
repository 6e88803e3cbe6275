// LoRA in training: the base weights stay bit-identical while the adapters learn, merging gives a
// plain model with the adapted model's logits, the PEFT-layout files round-trip, and a LoRA run
// interrupted by a checkpoint continues exactly as an uninterrupted one.

import { describe, expect, it } from 'vitest';
import { loadCheckpoint } from '../../src/checkpoint/index.js';
import { decodeSafetensors } from '../../src/checkpoint/safetensors.js';
import {
  decodeAdapter,
  encodeAdapter,
  fineTuneTrainer,
  mergeLoRA,
  prepareChatModel,
  saveFineTune,
  sftData,
  withMergedLoRA,
} from '../../src/finetune/index.js';
import type { GPT } from '../../src/gpt/index.js';
import { sftConfig, tinyBase, tinySet } from './fixtures.js';

const set = tinySet();

async function loraRun(
  resume?: NonNullable<Parameters<typeof fineTuneTrainer>[3]>['resume'],
  position?: unknown,
) {
  const base = await tinyBase();
  const chat = await prepareChatModel(base.model, base.tokenizer);
  const data = sftData(chat.tokenizer, set.train, {
    batchSize: sftConfig.batchSize,
    blockSize: chat.model.config.blockSize,
    valFraction: 0.2,
    seed: 4,
    evalExamples: 8,
    position,
  });
  const lora = { rank: 4, alpha: 8, trainRowsFrom: chat.added[0].id };
  const run = fineTuneTrainer(chat.model, data, { ...sftConfig, lr: 3e-2, minLr: 3e-3 }, { lora, resume });
  return { ...chat, ...run, data };
}

function logits(model: GPT, tokens: number[]): Float32Array {
  model.forward({ tokens, B: 1, T: tokens.length });
  return model.activations!.logits.data.slice(0, tokens.length * model.config.vocabSize);
}

describe('LoRA fine-tuning', () => {
  it('leaves every base weight bit-identical while the adapters and the new token rows learn', async () => {
    const { model, lora, trainer, added } = await loraRun();
    const before = model.params.all.data.slice();
    const adapterBefore = lora!.params.all.data.slice();
    const lossBefore = trainer.evaluate('train')!;
    for (let i = 0; i < 12; i++) trainer.trainStep();
    expect(trainer.evaluate('train')!).toBeLessThan(lossBefore - 0.1);
    const C = model.config.nEmbd;
    const firstNew = added[0].id * C;
    const after = model.params.all.data;
    const wteOffset = model.params.specs.find((s) => s.name === 'wte.weight')!.offset;
    let changedNew = 0;
    for (let i = 0; i < before.length; i++) {
      const inNewRows = i >= wteOffset + firstNew && i < wteOffset + model.config.vocabSize * C;
      if (inNewRows) changedNew += after[i] !== before[i] ? 1 : 0;
      else if (after[i] !== before[i]) expect.fail(`base weight ${i} changed: ${before[i]} → ${after[i]}`);
    }
    expect(changedNew).toBeGreaterThan(0);
    const adapterAfter = lora!.params.all.data;
    expect(adapterAfter.some((v, i) => v !== adapterBefore[i])).toBe(true);
    // B moved away from 0: the adapted model now differs from the base.
    expect(lora!.params.get('h.0.mlp.c_fc.lora_B').data.some((v) => v !== 0)).toBe(true);
  });

  it('merges into the weights: the plain model gives the adapted model’s logits', async () => {
    const { model, lora, trainer, tokenizer } = await loraRun();
    for (let i = 0; i < 8; i++) trainer.trainStep();
    const prompt = [tokenizer.specialTokens.get('<|user|>')!, ...tokenizer.encode('Shout "house".')];
    const adapted = logits(model, prompt);
    const base = model.params.all.data.slice();
    // Temporarily merged: same logits, and the base bits come back exactly afterwards.
    const inside = withMergedLoRA(lora!, () => logits(model, prompt));
    expect(model.params.all.data).toEqual(base);
    mergeLoRA(lora!);
    expect(model.adapter).toBeUndefined();
    const merged = logits(model, prompt);
    const scale = Math.max(...adapted.map(Math.abs));
    for (const out of [inside, merged]) {
      let worst = 0;
      out.forEach((v, i) => {
        worst = Math.max(worst, Math.abs(v - adapted[i]));
      });
      expect(worst / scale).toBeLessThan(1e-5);
    }
    // And the merge is not a no-op: the merged weights differ from the base's.
    expect(model.params.all.data).not.toEqual(base);
  });

  it('writes PEFT-layout adapter files that read back to the same tensors', async () => {
    const { lora, trainer } = await loraRun();
    for (let i = 0; i < 3; i++) trainer.trainStep();
    const files = encodeAdapter(lora!);
    const cfg = JSON.parse(new TextDecoder().decode(files['adapter_config.json']));
    expect(cfg).toMatchObject({ peft_type: 'LORA', r: 4, lora_alpha: 8, fan_in_fan_out: true });
    // Only fields of PEFT's PeftConfig / LoraConfig: an unknown key makes older PEFT refuse the file.
    const PEFT_FIELDS = [
      'peft_type',
      'task_type',
      'inference_mode',
      'base_model_name_or_path',
      'r',
      'lora_alpha',
      'lora_dropout',
      'target_modules',
      'fan_in_fan_out',
      'bias',
    ];
    expect(Object.keys(cfg).filter((k) => !PEFT_FIELDS.includes(k))).toEqual([]);
    // And only LoRA factors under PEFT's names in its safetensors (added rows live apart).
    const names = [...decodeSafetensors(files['adapter_model.safetensors']).tensors.keys()];
    expect(
      names.every((n) =>
        /^base_model\.model\.transformer\.h\.\d+\.(attn|mlp)\.c_\w+\.lora_[AB]\.weight$/.test(n),
      ),
    ).toBe(true);
    const { config, tensors } = decodeAdapter(files);
    expect(config).toMatchObject({ rank: 4, alpha: 8, trainRowsFrom: lora!.trainRowsFrom });
    for (const spec of lora!.params.specs) {
      expect(tensors.get(spec.name)?.data, spec.name).toEqual(lora!.params.get(spec.name).data);
    }
  });

  it('resumes bit for bit: N steps, a checkpoint, N more equal 2N in one go', async () => {
    const straight = await loraRun();
    const lossesStraight = Array.from({ length: 10 }, () => straight.trainer.trainStep().loss);

    const first = await loraRun();
    const lossesA = Array.from({ length: 5 }, () => first.trainer.trainStep().loss);
    const files = saveFineTune({ ...first, lora: first.lora });
    const loaded = await loadCheckpoint(files);
    const { tensors } = decodeAdapter(files);
    const second = await loraRun(
      { state: loaded.trainer!, optimizer: loaded.optimizerTensors!, adapter: tensors },
      loaded.trainer!.samplerState,
    );
    const lossesB = Array.from({ length: 5 }, () => second.trainer.trainStep().loss);
    expect([...lossesA, ...lossesB]).toEqual(lossesStraight);
    expect(second.lora!.params.all.data).toEqual(straight.lora!.params.all.data);
    // The saved model.safetensors is the merged model: its logits are the adapted model's.
    const prompt = [1, 2, 3, 4];
    const adapted = logits(first.model, prompt);
    const exported = logits(loaded.model, prompt);
    adapted.forEach((v, i) => {
      expect(Math.abs(v - exported[i])).toBeLessThan(1e-4);
    });
  });
});
