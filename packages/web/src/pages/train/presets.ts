// The model sizes the Train page offers: the library's recipes tiny, small and baby (defined once,
// in @glassbox/model/run, for the CLI and the page alike), each with its id for the picker.

import { RECIPES, type Recipe, recipeWithSteps } from '@glassbox/model/run';

export interface Preset extends Recipe {
  id: 'tiny' | 'small' | 'baby';
}

export const PRESETS: Preset[] = (['tiny', 'small', 'baby'] as const).map((id) => ({ id, ...RECIPES[id] }));

/** A preset's training settings for a different number of steps (schedule and evals scale with it). */
export const withSteps = recipeWithSteps;
