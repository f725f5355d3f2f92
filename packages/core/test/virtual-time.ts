import { type Context, ROOT_CONTEXT } from '@opentelemetry/api';
import { withClock } from '../src/schedule/clock.js';
import { flush } from './support.js';

interface Timer {
  due: number;
  seq: number;
  resolve: () => void;
}

/**
 * Simulated time for whole runs: tools `sleep(ms)` on it, and tooltrace reads it as its clock.
 * Each clock reading is 10 µs after the previous one (work takes time), so no two readings share a
 * microsecond — as on a real machine, where ending one span and starting the next takes longer.
 * `run(promise)` fires sleepers in due order, letting every callback run between two of them.
 */
export class VirtualTime {
  private static readonly base = 1_767_225_600_000;
  private now = 0;
  private seq = 0;
  private readonly timers: Timer[] = [];
  readonly clock = (): number => {
    this.now += 0.01;
    return VirtualTime.base + this.now;
  };

  /** A context whose tooltrace spans take their times from this clock. */
  context(parent: Context = ROOT_CONTEXT): Context {
    return withClock(parent, this.clock);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timers.push({ due: this.now + ms, seq: this.seq++, resolve });
    });
  }

  async run<T>(done: Promise<T>): Promise<T> {
    let finished = false;
    void done.then(
      () => {
        finished = true;
      },
      () => {
        finished = true;
      },
    );
    for (;;) {
      await flush();
      if (finished) return done;
      this.timers.sort((a, b) => a.due - b.due || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) throw new Error('virtual time: the run waits for nothing');
      this.now = Math.max(this.now, next.due);
      next.resolve();
    }
  }
}
