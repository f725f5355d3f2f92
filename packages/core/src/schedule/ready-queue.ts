/**
 * Steps ready to start, in the order they will get a concurrency slot. With priorities: the step with
 * the highest priority first; among equals, the one that became ready first (a binary heap, O(log n)
 * per push and pop). Without: first in, first out — the same order when every priority is equal.
 * A step is in the queue at most once at a time, so storage is allocated once, for the whole run.
 */
export class ReadyQueue {
  /** The heap, or the ring buffer without priorities, of step indexes. */
  private readonly items: Int32Array;
  /** When each queued step became ready, as a sequence number: breaks ties between equal priorities. */
  private readonly readyAt: Float64Array;
  private readonly priority: Uint32Array | null;
  private head = 0;
  private count = 0;
  private sequence = 0;

  /** @param priority per step index, higher first; null for first in, first out. */
  constructor(steps: number, priority: Uint32Array | null) {
    this.items = new Int32Array(steps);
    this.priority = priority;
    this.readyAt = new Float64Array(priority ? steps : 0);
  }

  get size(): number {
    return this.count;
  }

  push(index: number): void {
    if (!this.priority) {
      this.items[(this.head + this.count++) % this.items.length] = index;
      return;
    }
    this.readyAt[index] = this.sequence++;
    this.siftUp(this.count++, index);
  }

  /** Removes and returns the next step to start; -1 when the queue is empty. */
  pop(): number {
    if (this.count === 0) return -1;
    const first = this.items[this.head] as number;
    if (!this.priority) {
      this.head = (this.head + 1) % this.items.length;
      this.count--;
      return first;
    }
    const last = this.items[--this.count] as number;
    if (this.count > 0) this.siftDown(0, last);
    return first;
  }

  /** Whether step `a` starts before step `b`. */
  private before(a: number, b: number): boolean {
    const priority = this.priority as Uint32Array;
    const pa = priority[a] as number;
    const pb = priority[b] as number;
    return pa > pb || (pa === pb && (this.readyAt[a] as number) < (this.readyAt[b] as number));
  }

  /** Places `index` at heap slot `slot` or above, moving the parents it beats down. */
  private siftUp(slot: number, index: number): void {
    let at = slot;
    while (at > 0) {
      const parentSlot = (at - 1) >> 1;
      const parent = this.items[parentSlot] as number;
      if (!this.before(index, parent)) break;
      this.items[at] = parent;
      at = parentSlot;
    }
    this.items[at] = index;
  }

  /** Places `index` at heap slot `slot` or below, moving the children that beat it up. */
  private siftDown(slot: number, index: number): void {
    let at = slot;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.count) break;
      const right = child + 1;
      if (right < this.count && this.before(this.items[right] as number, this.items[child] as number)) child = right;
      const next = this.items[child] as number;
      if (!this.before(next, index)) break;
      this.items[at] = next;
      at = child;
    }
    this.items[at] = index;
  }
}
