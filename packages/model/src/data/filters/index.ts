// The four quality filters in FineWeb's order — Gopher repetition, Gopher quality, C4, FineWeb —
// with FineWeb's published defaults. Each can be switched off (false) or given other thresholds.
// The first rule a document fails removes it, named, with the value it measured.

import type { Rejection, Stage } from '../document.js';
import { wordTokens } from '../words.js';
import { C4_DEFAULTS, type C4Config, c4Filter } from './c4.js';
import { FINEWEB_QUALITY_DEFAULTS, type FineWebConfig, finewebQuality } from './fineweb.js';
import { GOPHER_QUALITY_DEFAULTS, type GopherQualityConfig, gopherQuality } from './gopher-quality.js';
import {
  GOPHER_REPETITION_DEFAULTS,
  type GopherRepetitionConfig,
  gopherRepetition,
} from './gopher-repetition.js';

export * from './c4.js';
export * from './fineweb.js';
export * from './gopher-quality.js';
export * from './gopher-repetition.js';

export interface FilterConfig {
  gopherRepetition: GopherRepetitionConfig | false;
  gopherQuality: GopherQualityConfig | false;
  c4: C4Config | false;
  fineweb: FineWebConfig | false;
}

export const FINEWEB_FILTERS: FilterConfig = {
  gopherRepetition: GOPHER_REPETITION_DEFAULTS,
  gopherQuality: GOPHER_QUALITY_DEFAULTS,
  c4: C4_DEFAULTS,
  fineweb: FINEWEB_QUALITY_DEFAULTS,
};

/** Overrides on top of FineWeb's defaults: a filter set to false is skipped. */
export type FilterOverrides = {
  [K in keyof FilterConfig]?: Partial<Exclude<FilterConfig[K], false>> | false;
};

export function filterConfig(overrides: FilterOverrides = {}): FilterConfig {
  const merge = <K extends keyof FilterConfig>(key: K): FilterConfig[K] => {
    const o = overrides[key];
    if (o === false) return false;
    return { ...(FINEWEB_FILTERS[key] as object), ...(o ?? {}) } as FilterConfig[K];
  };
  return {
    gopherRepetition: merge('gopherRepetition'),
    gopherQuality: merge('gopherQuality'),
    c4: merge('c4'),
    fineweb: merge('fineweb'),
  };
}

export interface FilterOutcome {
  /** The text after the filters (C4 drops lines), when kept. */
  text: string;
  removed?: { stage: Stage; rejection: Rejection; ms: number };
  /** Lines C4 dropped from this document, by rule. */
  linesRemoved: Record<string, number>;
  /** The stages the document passed, in order, with its text after each and the time taken. */
  passed: { stage: Stage; text: string; ms: number }[];
}

export function runFilters(input: string, cfg: FilterConfig): FilterOutcome {
  let text = input;
  const passed: FilterOutcome['passed'] = [];
  let linesRemoved: Record<string, number> = {};
  let t = performance.now(); // word counting is charged to the first filter
  const words = cfg.gopherRepetition || cfg.gopherQuality ? wordTokens(text) : [];
  const steps: [Stage, () => Rejection | null | undefined][] = [];
  if (cfg.gopherRepetition) {
    const c = cfg.gopherRepetition;
    steps.push(['gopher_repetition', () => gopherRepetition(text, words, c)]);
  }
  if (cfg.gopherQuality) {
    const c = cfg.gopherQuality;
    steps.push(['gopher_quality', () => gopherQuality(text, words, c)]);
  }
  if (cfg.c4) {
    const c = cfg.c4;
    steps.push([
      'c4',
      () => {
        const r = c4Filter(text, c);
        linesRemoved = r.linesRemoved;
        if (r.text !== undefined) text = r.text;
        return r.rejection;
      },
    ]);
  }
  if (cfg.fineweb) {
    const c = cfg.fineweb;
    // FineWeb counts words of the text C4 left; reuse the first count when C4 changed nothing.
    steps.push([
      'fineweb',
      () => finewebQuality(text, c, text === input && words.length ? words : undefined),
    ]);
  }
  for (const [stage, check] of steps) {
    const rejection = check();
    const now = performance.now();
    const ms = now - t;
    t = now;
    if (rejection) return { text, removed: { stage, rejection, ms }, linesRemoved, passed };
    passed.push({ stage, text, ms });
  }
  return { text, linesRemoved, passed };
}
