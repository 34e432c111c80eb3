/**
 * The live feed: one WebSocket to `/api/v1/feed?from=<index>`. It reconnects with exponential
 * backoff (with jitter, capped) and resumes from the index after the last one seen, so nothing
 * is missed across a drop and nothing is applied twice.
 *
 * The server sends `{kind: 'event', index, event}`, `{kind: 'checkpoint', index, checkpoint}` and
 * `{kind: 'tracks', index, tracks}`. Only events and checkpoints are ledger positions: a tracks
 * message repeats the last ledger index, so it is never dropped as already seen and never moves
 * the resume index.
 */
export interface FeedMessage {
  readonly kind: 'event' | 'checkpoint' | 'tracks';
  readonly index?: number;
  /** The event's type (`TargetNominated`, ...), or the kind for other messages. */
  readonly type: string;
  readonly record?: string;
  /** The event, the checkpoint, or the array of track views. */
  readonly data: unknown;
}

/** The part of a WebSocket the client uses, so tests can pass a fake. */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  close(): void;
}

export interface FeedOptions {
  readonly url: (from: number | undefined) => string;
  readonly connect: (url: string) => SocketLike;
  readonly onMessage: (m: FeedMessage) => void;
  readonly onStatus: (s: 'connecting' | 'live' | 'offline') => void;
  readonly from?: number | undefined;
  readonly random?: () => number;
  readonly setTimer?: (f: () => void, ms: number) => unknown;
  readonly clearTimer?: (t: unknown) => void;
}

function field(o: Record<string, unknown>, k: string): Record<string, unknown> | undefined {
  const v = o[k];
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

export function parseFeedMessage(raw: unknown): FeedMessage | undefined {
  let v: unknown;
  try {
    v = typeof raw === 'string' ? JSON.parse(raw) : undefined;
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const index = typeof o['index'] === 'number' && Number.isInteger(o['index']) ? o['index'] : undefined;
  if (o['kind'] === 'tracks')
    return Array.isArray(o['tracks'])
      ? { kind: 'tracks', index, type: 'tracks', data: o['tracks'] }
      : undefined;
  if (o['kind'] === 'checkpoint') {
    const cp = field(o, 'checkpoint');
    return cp ? { kind: 'checkpoint', index, type: 'checkpoint', data: cp } : undefined;
  }
  if (o['kind'] !== 'event') return undefined;
  const event = field(o, 'event');
  if (!event) return undefined;
  // A sealed stub may carry no type: it still moves the index and refreshes what it can.
  const type = typeof event['type'] === 'string' ? event['type'] : 'sealed';
  const record = typeof event['record'] === 'string' ? event['record'] : undefined;
  return { kind: 'event', index, type, record, data: event };
}

export class FeedClient {
  private socket: SocketLike | undefined;
  private timer: unknown;
  private attempts = 0;
  private stopped = false;
  /** The highest ledger index seen; the next connection asks for the one after it. */
  lastIndex: number | undefined;

  constructor(private readonly o: FeedOptions) {
    this.lastIndex = o.from === undefined ? undefined : o.from - 1;
  }

  /** Delay before reconnect attempt `n` (1-based): 0.5 s doubling to 15 s, with ±25 % jitter. */
  backoff(n: number): number {
    const base = Math.min(15_000, 500 * 2 ** (n - 1));
    return Math.round(base * (0.75 + 0.5 * (this.o.random ?? Math.random)()));
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) (this.o.clearTimer ?? clearTimeout)(this.timer as number);
    this.timer = undefined;
    const s = this.socket;
    this.socket = undefined;
    if (s) {
      s.onclose = null;
      s.close();
    }
    this.o.onStatus('offline');
  }

  private open(): void {
    const from = this.lastIndex === undefined ? undefined : this.lastIndex + 1;
    this.o.onStatus('connecting');
    const s = this.o.connect(this.o.url(from));
    this.socket = s;
    s.onopen = () => {
      this.attempts = 0;
      this.o.onStatus('live');
    };
    s.onmessage = (ev) => this.receive(ev.data);
    s.onerror = () => s.close();
    s.onclose = () => this.retry();
  }

  private receive(raw: unknown): void {
    const m = parseFeedMessage(raw);
    if (!m) return;
    if (m.index !== undefined && m.kind !== 'tracks') {
      // After a reconnect the server may resend entries we already applied: skip them.
      if (this.lastIndex !== undefined && m.index <= this.lastIndex) return;
      this.lastIndex = m.index;
    }
    this.o.onMessage(m);
  }

  private retry(): void {
    this.socket = undefined;
    if (this.stopped) return;
    this.o.onStatus('offline');
    this.attempts += 1;
    this.timer = (this.o.setTimer ?? setTimeout)(() => this.open(), this.backoff(this.attempts));
  }
}
