/**
 * Step ids to plan positions, in one typed array sized up front: at 100k steps a `Map` of string
 * ids grew by rehashing, held its entries on the GC heap and cost about 5× more per lookup than at
 * 1k. Open addressing over a hash of the id's characters; a hit is confirmed by comparing the id.
 */
export class StepIdIndex {
  /** Position + 1 of the first step with each id, 0 for an empty slot. */
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** `ids[i]` is step i's id. A repeated id keeps its first position. */
  constructor(private readonly ids: readonly string[]) {
    let size = 16;
    while (size < ids.length * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  /** Records step `index`; returns the position of an earlier step with the same id, else -1. */
  add(index: number): number {
    const id = this.ids[index] as string;
    let slot = hashOf(id) & this.mask;
    for (;;) {
      const held = this.slots[slot] as number;
      if (held === 0) {
        this.slots[slot] = index + 1;
        return -1;
      }
      if (this.ids[held - 1] === id) return held - 1;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Position of the first step with this id, or -1. */
  indexOf(id: string): number {
    let slot = hashOf(id) & this.mask;
    for (;;) {
      const held = this.slots[slot] as number;
      if (held === 0) return -1;
      if (this.ids[held - 1] === id) return held - 1;
      slot = (slot + 1) & this.mask;
    }
  }
}

/** FNV-1a over UTF-16 code units. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let position = 0; position < text.length; position++) hash = Math.imul(hash ^ text.charCodeAt(position), 0x01000193);
  return hash >>> 0;
}
