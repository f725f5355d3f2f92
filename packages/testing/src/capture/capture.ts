import { context, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { type CapturedSpan, type SpanLike, toCapturedSpan } from '../spans/captured-span.js';
import { buildTree, type SpanTree } from '../tree/span-tree.js';
import { withCapture } from './capture-key.js';
import type { CaptureSink } from './capture-sink.js';
import { type CaptureDiagnosis, diagnose } from './diagnosis.js';
import { UnendedSpansError } from './errors.js';
import { PinnedTracerProvider } from './pinned-provider.js';
import type { CaptureRuntime } from './runtime.js';
import { brandCapture, type CloseReport, type SpanCapture, type WaitOptions } from './span-capture.js';

interface SpanRecord {
  readonly span: SpanLike;
  readonly order: number;
  ended: boolean;
  late: boolean;
}

/** Settings of one capture. */
export interface CaptureSettings {
  /** Default: `capture #<id>`. */
  readonly label: string | undefined;
  readonly timeoutMs: number;
  /** Called when a span ends after the capture closed. */
  readonly onLateSpan: (span: CapturedSpan, capture: SpanCapture) => void;
}

/** One test's spans. Created by `captureSpans()`. */
export class Capture implements SpanCapture, CaptureSink {
  readonly id: number;
  readonly label: string;
  readonly tracerProvider: TracerProvider;
  private records: SpanRecord[] = [];
  private readonly byspan = new WeakMap<object, SpanRecord>();
  private unended = 0;
  private waiters: (() => void)[] = [];
  private isClosed = false;

  constructor(
    private readonly runtime: CaptureRuntime,
    private readonly settings: CaptureSettings,
  ) {
    brandCapture(this);
    this.id = runtime.nextId();
    this.label = settings.label ?? `capture #${this.id}`;
    this.tracerProvider = new PinnedTracerProvider(runtime.provider, (parent) => withCapture(parent, this));
    runtime.router.add(this);
  }

  get closed(): boolean {
    return this.isClosed;
  }

  getTracer(name = '@tooltrace/testing', version?: string): Tracer {
    return this.tracerProvider.getTracer(name, version);
  }

  run<T>(fn: () => T): T {
    return context.with(withCapture(context.active(), this), fn);
  }

  spanStarted(span: SpanLike, order: number): void {
    const record: SpanRecord = { span, order, ended: false, late: this.isClosed };
    this.records.push(record);
    this.byspan.set(span, record);
    this.unended++;
  }

  spanEnded(span: SpanLike): void {
    const record = this.byspan.get(span);
    if (!record || record.ended) return;
    record.ended = true;
    this.unended--;
    if (this.isClosed) {
      record.late = true;
      this.settings.onLateSpan(this.read(record), this);
    }
    if (this.unended === 0) this.releaseWaiters();
  }

  async spans(options: WaitOptions = {}): Promise<CapturedSpan[]> {
    await this.waitForEnd(options.timeoutMs ?? this.settings.timeoutMs);
    return this.spansNow();
  }

  async tree(options: WaitOptions = {}): Promise<SpanTree> {
    await this.waitForEnd(options.timeoutMs ?? this.settings.timeoutMs);
    return this.treeNow();
  }

  spansNow(): CapturedSpan[] {
    return this.records.map((record) => this.read(record));
  }

  treeNow(): SpanTree {
    return buildTree(this.spansNow());
  }

  unendedSpans(): CapturedSpan[] {
    return this.records.filter((record) => !record.ended).map((record) => this.read(record));
  }

  lateSpans(): CapturedSpan[] {
    return this.records.filter((record) => record.late).map((record) => this.read(record));
  }

  clear(): void {
    this.records = this.records.filter((record) => !record.ended);
  }

  close(): CloseReport {
    if (!this.isClosed) {
      this.isClosed = true;
      this.runtime.router.remove(this);
    }
    return { unended: this.unendedSpans() };
  }

  diagnose(): CaptureDiagnosis {
    return diagnose({
      label: this.label,
      spans: this.records.length,
      unended: this.unended,
      late: this.records.filter((record) => record.late).length,
      globalProvider: this.runtime.globalProvider,
      globalProviderName: this.runtime.globalProviderName,
      contextManager: this.runtime.contextManager,
      openCaptures: this.runtime.router.openCount,
      unroutedSpans: this.runtime.router.unroutedFor(this).map((span) => span.name),
    });
  }

  /** Describes the running spans, with where they sit in the tree. */
  describeUnended(): string[] {
    return this.treeNow().unended.map((node) => `${JSON.stringify(node.name)}${node.parent ? ` (under ${node.parent.path})` : ''}`);
  }

  private read(record: SpanRecord): CapturedSpan {
    return toCapturedSpan(record.span, record.order, record.ended);
  }

  private waitForEnd(timeoutMs: number): Promise<void> {
    if (this.unended === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== done);
        reject(
          new UnendedSpansError(
            this.describeUnended(),
            `after waiting ${timeoutMs} ms`,
            'Await the code under test before reading its spans, or end these spans; capture.treeNow() reads spans without waiting.',
          ),
        );
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(done);
    });
  }

  private releaseWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}
