// Hooks the explorer pages share: the slot's current model (from the run store) and its
// vocabulary as display strings, fetched from the worker once per model.

import { visibleWhitespace } from '@glassbox/model/tokenizer';
import { useEffect, useState } from 'react';
import { useRun } from '../pages/train/run-store';
import { run } from '../worker/client';
import type { ModelInfo, Slot } from '../worker/protocol/explorer';

const vocabCache = new Map<number, Promise<string[]>>();

export function useModel(slot: Slot): ModelInfo | null {
  return useRun(slot).model;
}

/** Token texts by id for the slot's model (undefined while loading or without a model). */
export function useVocabulary(slot: Slot, model: ModelInfo | null): string[] | undefined {
  const [vocab, setVocab] = useState<{ id: number; words: string[] }>();
  const id = model?.modelId;
  useEffect(() => {
    if (id === undefined) return;
    let live = true;
    if (!vocabCache.has(id)) vocabCache.set(id, run('vocabulary', { slot }));
    vocabCache.get(id)!.then(
      (words) => live && setVocab({ id, words }),
      () => vocabCache.delete(id),
    );
    return () => {
      live = false;
    };
  }, [slot, id]);
  return vocab && vocab.id === id ? vocab.words : undefined;
}

/** A token's text made visible the one way the explorer draws it (the library's visibleWhitespace: · ↵ →). */
export function showToken(text: string): string {
  return visibleWhitespace(text) || '∅';
}

export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  return m > 0 ? `${m} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`;
}
