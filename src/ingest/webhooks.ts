/**
 * Alert delivery to webhooks: one POST per alert per hook, retried with exponential backoff (and
 * jitter) on network errors and 5xx/429 answers, given up after `maxAttempts`. `fetch`, the timer
 * and the randomness are injected so that tests run without a network or a real clock.
 * The number of deliveries waiting is bounded; past it new alerts are counted `dropped` for that
 * hook, never lost without a trace.
 *
 * The body is one JSON alert: `{kind, ...}` with times in RFC 3339, where `kind` is
 * `incursion_started`, `incursion_ended`, `separation_risk`, `separation_cleared` (transitions of
 * the live picture, sent as they happen) or `flight_conflict` (two filed routes, sent once
 * recorded, with its alert id).
 */
import { JigError, toRfc3339, type FieldIssue } from '../core/index.ts';
import type { Transition } from '../rules/index.ts';
import type { Sample } from './metrics.ts';
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

  get urls(): readonly string[] {
    return this.o.urls;
  }

  /** The delay before attempt `n` (1-based retries): base·2^(n-1), capped, with up to 20% jitter. */
  delay(n: number): number {
    const base = Math.min(this.o.maxDelayMs ?? 60_000, (this.o.baseDelayMs ?? 500) * 2 ** (n - 1));
    return Math.round(base * (1 + 0.2 * (this.o.random ?? Math.random)()));
  }

  deliver(alert: Alert): void {
    this.send(transitionPayload(alert.transition));
  }

  /** Posts one alert (a JSON object) to every hook. */
  send(payload: Readonly<Record<string, unknown>>): void {
    const body = JSON.stringify(payload);
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

const TIMES = new Set(['at', 'enteredAt', 'lossAt', 'cpaAt']);

/** A transition as a webhook body: the same fields, times in RFC 3339. */
export function transitionPayload(t: Transition): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(t).map(([k, v]) => [k, TIMES.has(k) && typeof v === 'number' ? toRfc3339(v) : v]),
  );
}

/** The counters as Prometheus samples for `/api/v1/metrics`. */
export function webhookSamples(c: WebhookCounters): Sample[] {
  const outcomes = ['delivered', 'retried', 'failed', 'dropped'] as const;
  return [
    {
      name: 'jig_webhook_deliveries_total',
      help: 'Alert deliveries to webhooks: delivered, retried (attempts that will be tried again), failed (given up), dropped (too many pending).',
      type: 'counter',
      values: outcomes.map((o) => ({ labels: { outcome: o }, value: c[o] })),
    },
    {
      name: 'jig_webhook_pending',
      help: 'Alert deliveries to webhooks not yet delivered or given up.',
      type: 'gauge',
      values: [{ value: c.pending }],
    },
  ];
}

/**
 * Checks the webhook URLs an operator configured: http or https, with a host, no credentials in
 * the URL (they would end up in logs). Refuses them all at once, naming each.
 */
export function parseWebhookUrls(urls: readonly string[]): string[] {
  const issues: FieldIssue[] = [];
  const out = urls.map((raw, i) => {
    const reason = webhookUrlFault(raw);
    if (reason !== undefined) issues.push({ pointer: `/webhooks/${i}`, reason: `${raw}: ${reason}` });
    return raw;
  });
  if (issues.length > 0)
    throw new JigError('INVALID_INPUT', `invalid webhook URL ${issues.map((i) => i.reason).join('; ')}`, {
      issues,
    });
  return out;
}

function webhookUrlFault(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL (expected http://host/path or https://host/path)';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'expected an http:// or https:// URL';
  if (url.hostname === '') return 'the URL names no host';
  if (url.username !== '' || url.password !== '') return 'put no credentials in the URL';
  return undefined;
}
