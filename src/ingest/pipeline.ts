/**
 * The track pipeline: reports from every edge (JSON, WebSocket, CoT over TCP and UDP) enter one
 * bounded queue; a drain loop applies them to the in-memory air picture and publishes the
 * transitions it yields. Position reports never touch the ledger; only transitions go on, to the
 * publisher and to the `record` hook (the service decides them as `Report*` commands).
 *
 * Nothing is dropped silently. An HTTP batch that does not fit is refused whole (429; the sender
 * keeps it); a stream is told to pause above the high-water mark and resumes below the low one,
 * so at most one chunk per connection lands above the mark, within the queue's slack.
 */
import type { Clock } from '../core/index.ts';
import type { AirspaceMonitor } from '../rules/index.ts';
import { type TrackReport, type Transition } from '../rules/index.ts';
import { counterSamples, LatencyHistogram, newCounters, renderPrometheus, type Sample } from './metrics.ts';
import { AlertPublisher } from './publisher.ts';

export interface PipelineOptions {
  /** Reports the queue holds before HTTP batches are refused (429). */
  readonly capacity?: number;
  /** Streams pause at this depth and resume at half of it. */
  readonly highWater?: number;
  /** Reports applied per turn of the event loop before yielding to I/O. */
  readonly sliceSize?: number;
  /** Wall clock (epoch ms) for receipt times and staleness. */
  readonly clock: Clock;
  /** Monotonic milliseconds for latency (performance.now()). */
  readonly monotonic?: () => number;
  /** Called for every transition, after publication: the service records it in the ledger. */
  readonly record?: (t: Transition) => void;
  /** How to run the drain loop later (setImmediate in production; a manual queue in tests). */
  readonly schedule?: (fn: () => void) => void;
}

export type Admission =
  { readonly accepted: true } | { readonly accepted: false; readonly retryAfterMs: number };

export class TrackPipeline {
  readonly counters = newCounters();
  readonly latency = new LatencyHistogram();
  readonly publisher = new AlertPublisher();
  private readonly queue: TrackReport[] = [];
  private readonly received: number[] = [];
  private head = 0;
  private scheduled = false;
  private readonly drainWaiters = new Set<() => void>();
  private readonly out: Transition[] = [];
  private readonly capacity: number;
  private readonly highWater: number;
  private readonly slice: number;
  private readonly monotonic: () => number;
  private readonly schedule: (fn: () => void) => void;

  constructor(
    readonly monitor: AirspaceMonitor,
    private readonly o: PipelineOptions,
  ) {
    this.capacity = o.capacity ?? 200_000;
    this.highWater = o.highWater ?? Math.floor(this.capacity / 2);
    this.slice = o.sliceSize ?? 4096;
    this.monotonic = o.monotonic ?? (() => performance.now());
    this.schedule = o.schedule ?? ((fn) => setImmediate(fn));
  }

  get depth(): number {
    return this.queue.length - this.head;
  }

  /** Whether the queue is at capacity (a datagram that cannot wait is refused, and counted). */
  get full(): boolean {
    return this.depth >= this.capacity;
  }

  /** Whether streams should pause reading. */
  get saturated(): boolean {
    return this.depth >= this.highWater;
  }

  /** A batch (HTTP): all of it is queued, or none of it and the caller answers 429. */
  submitBatch(reports: readonly TrackReport[]): Admission {
    this.counters.received += reports.length;
    if (this.depth + reports.length > this.capacity) {
      this.counters.refused += reports.length;
      return { accepted: false, retryAfterMs: 1000 };
    }
    for (const r of reports) this.enqueue(r);
    return { accepted: true };
  }

  /**
   * One report from a stream. Always queued (the stream pauses on `saturated`, so the overshoot
   * is bounded by one chunk); returns whether the stream should pause now.
   */
  submit(report: TrackReport): boolean {
    this.counters.received++;
    this.enqueue(report);
    return this.saturated;
  }

  /** Resolves once the queue is below the low-water mark (streams resume then). */
  whenDrained(): Promise<void> {
    if (this.depth <= this.highWater / 2) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.add(resolve));
  }

  /** Counts a report refused at the edge (invalid or hostile), so that none goes uncounted. */
  countRefused(kind: 'invalid' | 'hostile' | 'refused', n = 1): void {
    this.counters.received += n;
    this.counters[kind] += n;
  }

  private enqueue(r: TrackReport): void {
    this.queue.push(r);
    this.received.push(this.monotonic());
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.drain());
    }
  }

  /** Applies up to one slice of queued reports; reschedules itself while any remain. */
  drain(): void {
    this.scheduled = false;
    const end = Math.min(this.queue.length, this.head + this.slice);
    const now = this.o.clock.now();
    const c = this.counters;
    for (let i = this.head; i < end; i++) {
      const verdict = this.monitor.update(this.queue[i]!, now, this.out);
      c.processed++;
      if (verdict !== 'applied') c[verdict]++;
      if (this.out.length > 0) this.emit(this.received[i]!);
    }
    this.head = end;
    if (this.head > 65_536 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.received.splice(0, this.head);
      this.head = 0;
    }
    if (this.depth > 0 && !this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.drain());
    }
    if (this.depth <= this.highWater / 2 && this.drainWaiters.size > 0) {
      for (const w of this.drainWaiters) w();
      this.drainWaiters.clear();
    }
  }

  private emit(receivedAt: number): void {
    for (const t of this.out) {
      this.publisher.publish({ transition: t, receivedAt });
      this.counters.alerted++;
      this.latency.record(this.monotonic() - receivedAt);
      this.o.record?.(t);
    }
    this.out.length = 0;
  }

  /** Drops silent tracks and publishes what that closes; call about once a second. */
  expire(): number {
    const dropped = this.monitor.expire(this.o.clock.now(), this.out);
    if (this.out.length > 0) this.emit(this.monotonic());
    return dropped;
  }

  /** Every metric of the pipeline, in Prometheus text format. */
  metrics(extra: readonly Sample[] = []): string {
    return renderPrometheus([
      ...counterSamples(this.counters),
      {
        name: 'jig_track_queue_depth',
        help: 'Track reports waiting in the queue.',
        type: 'gauge',
        values: [{ value: this.depth }],
      },
      {
        name: 'jig_air_picture_aircraft',
        help: 'Aircraft in the live picture.',
        type: 'gauge',
        values: [{ value: this.monitor.size }],
      },
      this.latency.sample(
        'jig_receipt_to_alert_seconds',
        'Time from receipt of a report to publication of its alert.',
      ),
      {
        name: 'jig_alert_subscriber_failures_total',
        help: 'Alert subscribers that threw.',
        type: 'counter',
        values: [{ value: this.publisher.failures }],
      },
      ...extra,
    ]);
  }
}
