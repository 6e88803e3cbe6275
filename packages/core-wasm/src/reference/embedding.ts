// The reference embedding lookup and its gradient: out[r] = table[ids[r]] (rows of C), and
// dtable[ids[r]] += dout[r].

import type { Arena, Ptr } from '../arena.js';

export function gather(arena: Arena, out: Ptr, table: Ptr, ids: Ptr, n: number, C: number): void {
  const f = arena.f32;
  const ids32 = arena.i32;
  for (let r = 0; r < n; r++) {
    const id = ids32[(ids >> 2) + r];
    for (let j = 0; j < C; j++) f[(out >> 2) + r * C + j] = f[(table >> 2) + id * C + j];
  }
}

export function scatterAdd(arena: Arena, dtable: Ptr, dout: Ptr, ids: Ptr, n: number, C: number): void {
  const f = arena.f32;
  const ids32 = arena.i32;
  for (let r = 0; r < n; r++) {
    const id = ids32[(ids >> 2) + r];
    for (let j = 0; j < C; j++) f[(dtable >> 2) + id * C + j] += f[(dout >> 2) + r * C + j];
  }
}
