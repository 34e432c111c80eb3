/**
 * The alert webhooks of a running server: every transition of the live air picture as it is
 * published (incursion opened or closed, separation risk raised or cleared), and every conflict of
 * filed routes once the ledger holds it, POSTed to each configured URL by `WebhookDelivery`.
 */
import { toRfc3339 } from '../core/index.ts';
import type { JigService, Principal } from '../service/types.ts';
import type { TrackPipeline } from './pipeline.ts';
import { WebhookDelivery, type WebhookOptions } from './webhooks.ts';

export interface AlertWebhookOptions {
  readonly urls: readonly string[];
  readonly service: JigService;
  /** Whom the ledger's alerts are read as: every alert is joint, so any person sees them all. */
  readonly viewer: Principal;
  /** The ledger index to read alerts from: the size at start, so that old ones are not resent. */
  readonly fromIndex: number;
  readonly pipeline?: TrackPipeline;
  /** Timeouts, attempts and delays; tests shorten them. */
  readonly tuning?: Partial<Omit<WebhookOptions, 'urls'>>;
}

export interface AlertWebhooks {
  readonly delivery: WebhookDelivery;
  stop(): void;
}

/** Node's fetch with a timeout; the answer's body is discarded. */
async function post(
  url: string,
  init: { method: 'POST'; headers: Record<string, string>; body: string },
): Promise<{ status: number }> {
  const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
  await res.body?.cancel();
  return { status: res.status };
}

export async function startAlertWebhooks(o: AlertWebhookOptions): Promise<AlertWebhooks> {
  const delivery = new WebhookDelivery({
    urls: o.urls,
    fetch: post,
    setTimer: (fn, ms) => void setTimeout(fn, ms).unref(),
    ...o.tuning,
  });
  const fromPicture = o.pipeline?.publisher.subscribe((alert) => delivery.deliver(alert));
  const fromLedger = await o.service.subscribe(o.viewer, o.fromIndex, (m) => {
    if (m.kind !== 'event' || m.event.type !== 'FlightConflictAlerted' || !('data' in m.event)) return;
    const d = m.event.data as Record<string, unknown>;
    delivery.send({
      kind: 'flight_conflict',
      alert: m.event.record,
      flight: d['flight'],
      against: d['against'],
      parties: d['parties'],
      raisedAt: toRfc3339(m.event.at),
      at: typeof d['at'] === 'number' ? toRfc3339(d['at']) : d['at'],
      distanceM: d['distanceM'],
      verticalGapM: d['verticalGapM'],
    });
  });
  return {
    delivery,
    stop: () => {
      fromPicture?.();
      fromLedger();
    },
  };
}
