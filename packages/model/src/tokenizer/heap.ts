// A binary min-heap of number pairs (key, tie), ordered by key and then by tie: the priority queue
// of the BPE encoder (rank, position) and trainer (−count, pair). Entries are never updated in
// place; callers push a fresh entry and skip stale ones when they pop.

/** Binary min-heap of (key, tie) number pairs, ordered by key, then tie. */
export class PairHeap {
  private v: number[] = [];
  private t: number[] = [];

  get size(): number {
    return this.v.length;
  }

  private less(i: number, j: number): boolean {
    return this.v[i] < this.v[j] || (this.v[i] === this.v[j] && this.t[i] < this.t[j]);
  }

  private swap(i: number, j: number): void {
    const v = this.v[i];
    this.v[i] = this.v[j];
    this.v[j] = v;
    const t = this.t[i];
    this.t[i] = this.t[j];
    this.t[j] = t;
  }

  push(key: number, tie: number): void {
    this.v.push(key);
    this.t.push(tie);
    for (let i = this.v.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** The smallest entry's key and tie (the heap must not be empty). */
  get topKey(): number {
    return this.v[0];
  }

  get topTie(): number {
    return this.t[0];
  }

  /** Removes the smallest entry. */
  pop(): void {
    const lastV = this.v.pop()!;
    const lastT = this.t.pop()!;
    if (this.v.length > 0) {
      this.v[0] = lastV;
      this.t[0] = lastT;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.v.length && this.less(l, m)) m = l;
        if (r < this.v.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
  }
}
