/**
 * A set of 32-bit unsigned integers in one typed array (open addressing with
 * linear probing; Knuth, TAOCP vol. 3, 6.4, algorithm L), for sets of
 * millions of fingerprint hashes that a `Set<number>` would hold at ~10× the
 * memory. Zero is kept apart, so the table can use 0 as "empty".
 */
export class HashSet32 {
  private table: Uint32Array;
  private mask: number;
  private count = 0;
  private zero = false;

  /** `expected`: about how many values will be added (the table grows past that). */
  constructor(expected = 1024) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.table = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count + (this.zero ? 1 : 0);
  }

  add(value: number): void {
    const v = value >>> 0;
    if (v === 0) {
      this.zero = true;
      return;
    }
    if ((this.count + 1) * 2 > this.table.length) this.grow();
    const t = this.table;
    let i = Math.imul(v, 0x9e3779b1) & this.mask;
    for (;;) {
      const x = t[i]!;
      if (x === v) return;
      if (x === 0) {
        t[i] = v;
        this.count++;
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  has(value: number): boolean {
    const v = value >>> 0;
    if (v === 0) return this.zero;
    const t = this.table;
    let i = Math.imul(v, 0x9e3779b1) & this.mask;
    for (;;) {
      const x = t[i]!;
      if (x === v) return true;
      if (x === 0) return false;
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    this.mask = this.table.length - 1;
    this.count = 0;
    for (const x of old) if (x !== 0) this.add(x);
  }
}
