// Flag parsing shared by the embed commands: numbers checked with the flag named in the message.

import { GlassboxError } from '@glassbox/model';

export function intFlag(value: string | undefined, flag: string, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new GlassboxError(`expected an integer ≥ ${min}, got "${value}"`, flag);
  return n;
}

export function numberFlag(value: string | undefined, flag: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min)
    throw new GlassboxError(`expected a number ≥ ${min}, got "${value}"`, flag);
  return n;
}

export function choiceFlag<T extends string>(
  value: string | undefined,
  flag: string,
  choices: readonly T[],
): T | undefined {
  if (value === undefined) return undefined;
  if (!choices.includes(value as T)) {
    throw new GlassboxError(`expected one of ${choices.join(', ')}, got "${value}"`, flag);
  }
  return value as T;
}
