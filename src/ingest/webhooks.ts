/**
 * Alert delivery to webhooks: one POST per alert per hook, retried with exponential backoff (and
 * jitter) on network errors and 5xx/429 answers, given up after `maxAttempts`. `fetch`, the timer
 * and the randomness are injected so that tests run without a network or a real clock.
 * The number of deliveries waiting is bounded; past it new alerts are counted `dropped` for that
 * hook, never lost without a trace.
 */
import type { Alert } from './publisher.ts';

export interface WebhookOptions {
  readonly urls: readonly string[];
  readonly fetch: (
    url: string,
    init: { method: 'POST'; headers: Record<string, string>; body: string },
  ) => Promise<{ status: number }>;
  readonly setTimer: (fn: () => void, ms: number) => void;
  readonly random?: () => number;
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly maxPending?: number;
}

export interface WebhookCounters {
  delivered: number;
  retried: number;
  failed: number;
  dropped: number;
  pending: number;
}

export class WebhookDelivery {
  readonly counters: WebhookCounters = { delivered: 0, retried: 0, failed: 0, dropped: 0, pending: 0 };

  constructor(private readonly o: WebhookOptions) {}

  /** The delay before attempt `n` (1-based retries): base·2^(n-1), capped, with up to 20% jitter. */
  delay(n: number): number {
    const base = Math.min(this.o.maxDelayMs ?? 60_000, (this.o.baseDelayMs ?? 500) * 2 ** (n - 1));
    return Math.round(base * (1 + 0.2 * (this.o.random ?? Math.random)()));
  }

  deliver(alert: Alert): void {
    const body = JSON.stringify(alert.transition);
    for (const url of this.o.urls) {
      if (this.counters.pending >= (this.o.maxPending ?? 10_000)) {
        this.counters.dropped++;
        continue;
      }
      this.counters.pending++;
      void this.attempt(url, body, 1);
    }
  }

  private async attempt(url: string, body: string, n: number): Promise<void> {
    let retry: boolean;
    try {
      const res = await this.o.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      retry = res.status >= 500 || res.status === 429;
      if (res.status < 300) {
        this.counters.delivered++;
        this.counters.pending--;
        return;
      }
    } catch {
      retry = true;
    }
    if (!retry || n >= (this.o.maxAttempts ?? 6)) {
      this.counters.failed++;
      this.counters.pending--;
      return;
    }
    this.counters.retried++;
    this.o.setTimer(() => void this.attempt(url, body, n + 1), this.delay(n));
  }
}
