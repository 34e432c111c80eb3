/** In-process publication of alerts: the server's live feed and the webhooks subscribe here. */
import type { Transition } from '../rules/index.ts';

export interface Alert {
  readonly transition: Transition;
  /** When the report that caused it was received, epoch ms. */
  readonly receivedAt: number;
}

export type Subscriber = (alert: Alert) => void;

export class AlertPublisher {
  private readonly subscribers = new Set<Subscriber>();
  /** Subscriber exceptions, counted: one failing subscriber must not stop the others. */
  failures = 0;

  subscribe(fn: Subscriber): () => void {
    this.subscribers.add(fn);
    return () => this.subscribers.delete(fn);
  }

  publish(alert: Alert): void {
    for (const fn of this.subscribers)
      try {
        fn(alert);
      } catch {
        this.failures++;
      }
  }
}
