/**
 * The live feed inside the service: subscribers get history from an index, then live messages,
 * each event through the rules' `viewEvent` for the subscriber's party (never widened). Replay and
 * registration happen in one synchronous step, and publishing happens synchronously after the
 * history grows, so a subscriber misses nothing and sees nothing twice.
 */
import type { Principal } from '../store/people.ts';
import { viewEvent } from '../rules/index.ts';
import type { Logged } from './history.ts';
import type { FeedMessage, Unsubscribe } from './types.ts';

interface Subscriber {
  readonly viewer: Principal;
  readonly send: (m: FeedMessage) => void;
}

export class Feed {
  readonly #subscribers = new Set<Subscriber>();

  constructor(private readonly history: readonly Logged[]) {}

  subscribe(viewer: Principal, fromIndex: number, send: (m: FeedMessage) => void): Unsubscribe {
    const s: Subscriber = { viewer, send };
    const start = this.#firstAt(fromIndex);
    for (let i = start; i < this.history.length; i++) this.#deliver(s, this.history[i] as Logged);
    this.#subscribers.add(s);
    return () => void this.#subscribers.delete(s);
  }

  publishEvents(logged: readonly Logged[]): void {
    for (const s of this.#subscribers) for (const l of logged) this.#deliver(s, l);
  }

  publish(message: FeedMessage): void {
    for (const s of this.#subscribers) this.#send(s, message);
  }

  #deliver(s: Subscriber, l: Logged): void {
    const event = viewEvent(s.viewer.party, l.event);
    if (event !== null) this.#send(s, { kind: 'event', index: l.index, event });
  }

  #send(s: Subscriber, m: FeedMessage): void {
    try {
      s.send(m);
    } catch {
      // A subscriber that throws is dropped: it must not stop the others or the pipeline.
      this.#subscribers.delete(s);
    }
  }

  /** Position in the history of the first entry with index >= `index` (indexes are ascending). */
  #firstAt(index: number): number {
    let lo = 0;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.history[mid] as Logged).index < index) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
