// A binary min-heap of (key, value) pairs for Dijkstra-style region growing.
export class MinHeap {
  private keys: number[] = [];
  private vals: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  push(key: number, val: number): void {
    const k = this.keys;
    const v = this.vals;
    let i = k.length;
    k.push(key);
    v.push(val);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((k[p] as number) <= key) break;
      k[i] = k[p] as number;
      v[i] = v[p] as number;
      i = p;
    }
    k[i] = key;
    v[i] = val;
  }

  /** Removes the smallest entry; returns its value (read its key first with peekKey). */
  pop(): number {
    const k = this.keys;
    const v = this.vals;
    const top = v[0] as number;
    const lastK = k.pop() as number;
    const lastV = v.pop() as number;
    const n = k.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const m = r < n && (k[r] as number) < (k[l] as number) ? r : l;
        if ((k[m] as number) >= lastK) break;
        k[i] = k[m] as number;
        v[i] = v[m] as number;
        i = m;
      }
      k[i] = lastK;
      v[i] = lastV;
    }
    return top;
  }

  peekKey(): number {
    return this.keys[0] as number;
  }
}
