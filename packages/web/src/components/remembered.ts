// useState that outlives the component: a page's choices (form fields, the tour step) are kept in
// memory under a key, so leaving a page and coming back finds them as they were. Not persisted
// across reloads.

import { useState } from 'react';

const memory = new Map<string, unknown>();

export function useRemembered<T>(key: string, initial: T): [T, (v: T) => void] {
  const [value, setValue] = useState<T>(() => (memory.has(key) ? (memory.get(key) as T) : initial));
  const set = (v: T) => {
    memory.set(key, v);
    setValue(v);
  };
  return [value, set];
}
