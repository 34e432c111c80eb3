/**
 * Loading and live updates: collections are fetched (as of the chosen moment), then kept current
 * from the feed. An event message names its type; the matching collection is refetched so that
 * what the server lets this user see stays the only truth. Tracks (the whole air picture in one
 * `tracks` message) are applied directly.
 */
import { COLLECTIONS, feedUrl, list, type Collection } from './api.ts';
import { FeedClient, type FeedMessage, type SocketLike } from './feed.ts';
import type { MapView } from './map/index.ts';
import { store } from './store.ts';

const HINTS: [RegExp, Collection | undefined][] = [
  [/nominat|decision|concur|vett|execution|integrated/, 'nominations'],
  // Receipts and notices name no collection: refetch everything rather than guess.
  [/receipt|noticeacknowledged/, undefined],
  [/protected|site|dispute/, 'protected-sites'],
  [/designated|area/, 'designated-areas'],
  [/noticesent/, 'notices'],
  [/imminent/, 'imminent-actions'],
  [/flight/, 'flights'],
  [/alert|incursion|separation|safety|deconfliction/, 'alerts'],
  [/violation|assess/, 'violations'],
  [/movement|notice|outcome|convoy|humanitarian/, 'movements'],
];

/** Which collection a feed message changes; undefined when it cannot tell (refetch all). */
export function collectionOf(m: FeedMessage): Collection | undefined {
  const d = m.data as Record<string, unknown> | null;
  const named = d && typeof d === 'object' ? d['collection'] : undefined;
  if (typeof named === 'string' && (COLLECTIONS as readonly string[]).includes(named))
    return named as Collection;
  const type = m.type.toLowerCase();
  return HINTS.find(([re]) => re.test(type))?.[1];
}

export class Live {
  private feed: FeedClient | undefined;
  private pending = new Set<Collection>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  constructor(private readonly map: MapView) {}

  async loadAll(): Promise<void> {
    const gen = ++this.generation;
    const asOf = store.asOf;
    await Promise.all(COLLECTIONS.map((c) => this.load(c, asOf, gen)));
  }

  private async load(c: Collection, asOf: string | undefined, gen: number): Promise<void> {
    try {
      const items = await list(c, asOf);
      if (gen !== this.generation) return; // a newer moment was asked for meanwhile
      if (c === 'tracks') this.map.setTracks(items);
      else store.setItems(c, items);
    } catch {
      // Leave the last known picture; the feed status shows the connection state.
    }
  }

  /** Refetches soon, coalescing bursts of feed messages into one request per collection. */
  refetch(c: Collection | undefined): void {
    for (const x of c ? [c] : COLLECTIONS.filter((x) => x !== 'tracks')) this.pending.add(x);
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const todo = [...this.pending];
      this.pending.clear();
      if (store.asOf) return;
      const gen = this.generation;
      for (const x of todo) void this.load(x, undefined, gen);
    }, 150);
  }

  private onMessage(m: FeedMessage): void {
    store.lastIndex = this.feed?.lastIndex;
    if (store.asOf) return;
    if (m.kind === 'tracks') this.map.trackBatch(m.data);
    else if (m.kind === 'event') this.refetch(collectionOf(m));
  }

  startFeed(from?: number): void {
    this.feed?.stop();
    this.feed = new FeedClient({
      url: feedUrl,
      // The DOM WebSocket has the same handlers with narrower event types.
      connect: (url) => new WebSocket(url) as unknown as SocketLike,
      from,
      onMessage: (m) => this.onMessage(m),
      onStatus: (s) => {
        store.feedStatus = store.asOf ? 'paused' : s;
        store.emit('feed');
      },
    });
    this.feed.start();
  }

  stopFeed(): void {
    this.feed?.stop();
    this.feed = undefined;
  }

  /** Moving in time pauses live updates; back to live, the feed resumes where it stopped. */
  async timeChanged(): Promise<void> {
    if (store.asOf) {
      this.stopFeed();
      store.feedStatus = 'paused';
      store.emit('feed');
    } else if (!this.feed) {
      this.startFeed(store.lastIndex === undefined ? undefined : store.lastIndex + 1);
    }
    await this.loadAll();
  }
}
