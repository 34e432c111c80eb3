/**
 * The app's state: the signed-in person, the collections as last loaded, the moment shown
 * (live or a past `asOf`), and the user's preferences. Views subscribe to topics and re-render.
 */
import { COLLECTIONS, type Collection, type Item, type Person } from './api.ts';
import type { CoordFormat } from './coords.ts';

export type Topic = Collection | 'person' | 'time' | 'prefs' | 'feed' | 'selection';
export type FeedStatus = 'connecting' | 'live' | 'offline' | 'paused';

export interface Selection {
  readonly collection: Collection;
  readonly id: string;
}

const empty = (): Record<Collection, Item[]> =>
  Object.fromEntries(COLLECTIONS.map((c) => [c, [] as Item[]])) as Record<Collection, Item[]>;

class Store {
  person: Person | undefined;
  items: Record<Collection, Item[]> = empty();
  /** The moment shown, RFC 3339; undefined means live. */
  asOf: string | undefined;
  coordFormat: CoordFormat =
    typeof localStorage !== 'undefined' && localStorage.getItem('jig.coords') === 'mgrs' ? 'mgrs' : 'dd';
  feedStatus: FeedStatus = 'offline';
  lastIndex: number | undefined;
  selection: Selection | undefined;
  private readonly subs = new Map<Topic, Set<() => void>>();

  on(topic: Topic, f: () => void): void {
    const set = this.subs.get(topic) ?? new Set();
    set.add(f);
    this.subs.set(topic, set);
  }

  emit(topic: Topic): void {
    for (const f of this.subs.get(topic) ?? []) f();
  }

  setItems(c: Collection, items: Item[]): void {
    this.items[c] = items;
    this.emit(c);
  }

  find(c: Collection, id: string): Item | undefined {
    return this.items[c].find((i) => i.id === id);
  }

  reset(): void {
    this.person = undefined;
    this.items = empty();
    this.asOf = undefined;
    this.lastIndex = undefined;
    this.selection = undefined;
  }
}

export const store = new Store();
