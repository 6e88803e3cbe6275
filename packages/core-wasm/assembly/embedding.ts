// Embedding lookup as a row gather, and its backward pass as a scatter-add:
//   gather:     out[i, :] = table[ids[i], :]
//   scatterAdd: dtable[ids[i], :] += dout[i, :]   (repeated ids accumulate, in order of i)
// ids are i32 and must lie in [0, rows of table): the model validates them before calling.

export function gather(out: usize, table: usize, ids: usize, n: i32, C: i32): void {
  const bytes = <usize>C << 2;
  for (let i = 0; i < n; i++) {
    const id = load<i32>(ids + (<usize>i << 2));
    memory.copy(out + <usize>i * bytes, table + <usize>id * bytes, bytes);
  }
}

export function scatterAdd(dtable: usize, dout: usize, ids: usize, n: i32, C: i32): void {
  for (let r = 0; r < n; r++) {
    const id = load<i32>(ids + (<usize>r << 2));
    const dst = dtable + (<usize>id * C << 2);
    const src = dout + (<usize>r * C << 2);
    let i = 0;
    for (; i + 4 <= C; i += 4) {
      const o = <usize>i << 2;
      v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
    }
    for (; i < C; i++) {
      const o = <usize>i << 2;
      store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o));
    }
  }
}
