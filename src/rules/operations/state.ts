/**
 * The operations slice's state and its fold. State may use Maps (it is rebuilt, never stored);
 * evolve never mutates: its maps are `PersistentMap`s, updated through `put` and `patch` in O(1)
 * amortized time, so that replaying n events costs O(n) and every earlier state stays as it was.
 */
import type { EpochMs, PartyId, RecordId, ReleaseLevel } from '../../core/index.ts';
import type { Geometry } from '../geometry.ts';
import type { DomainEvent } from '../model.ts';
import { PersistentMap, put } from '../persistent-map.ts';
import type { Conflict, PointGeometry, PolygonGeometry, TimeWindow } from './events.ts';
import { NOTIFYING_EVENTS } from './events.ts';

export interface Site {
  readonly id: RecordId;
  readonly owner: PartyId;
  readonly release: ReleaseLevel;
  readonly name: string | null;
  readonly category: string;
  readonly geometry: Geometry;
  readonly bufferM: number;
  readonly registeredAt: EpochMs;
  readonly withdrawnAt: EpochMs | null;
}

export interface Dispute {
  readonly id: RecordId;
  readonly site: RecordId;
  readonly siteOwner: PartyId;
  readonly by: PartyId;
  readonly reason: string;
  readonly at: EpochMs;
  readonly answer: {
    readonly outcome: 'maintained' | 'withdrawn';
    readonly reason: string;
    readonly at: EpochMs;
  } | null;
}

export interface Nomination {
  readonly id: RecordId;
  readonly owner: PartyId;
  readonly group: string;
  readonly location: PointGeometry;
  readonly justification: string;
  readonly window: TimeWindow;
  readonly executors: readonly PartyId[];
  readonly conflicts: readonly Conflict[];
  readonly decisions: ReadonlyMap<PartyId, { readonly concur: boolean; readonly reason: string | null }>;
  readonly vettedAt: EpochMs | null;
  readonly invalidatedAt: EpochMs | null;
  readonly withdrawnAt: EpochMs | null;
  readonly execution: RecordId | null;
}

export type NominationStatus =
  'pending' | 'blocked' | 'not_concurred' | 'vetted' | 'invalidated' | 'withdrawn' | 'executed';

export interface Execution {
  readonly id: RecordId;
  readonly nomination: RecordId;
  readonly by: PartyId;
  readonly executedAt: EpochMs;
  readonly location: PointGeometry;
  readonly outcome: 'completed' | 'partial' | 'aborted';
  readonly distanceM: number;
  readonly deviations: readonly ('location' | 'window')[];
}

export interface ImminentAction {
  readonly id: RecordId;
  readonly party: PartyId;
  readonly group: string;
  readonly actionAt: EpochMs;
  readonly filedAt: EpochMs;
  readonly deadline: EpochMs;
  readonly filing: 'on_time' | 'late';
}

export interface Allegation {
  readonly id: RecordId;
  readonly by: PartyId;
  readonly against: PartyId;
  readonly actionAt: EpochMs;
  readonly deadline: EpochMs;
  /** The filing that answers it, once one does. */
  readonly filing: RecordId | null;
}

export interface Notice {
  readonly id: RecordId;
  readonly owner: PartyId;
  readonly group: string;
  readonly area: PolygonGeometry;
  readonly window: TimeWindow;
}

/** A record that crossed to other parties, and who has acknowledged it. */
export interface Notification {
  readonly record: RecordId;
  readonly type: string;
  readonly owner: PartyId;
  readonly sentAt: EpochMs;
  readonly receipts: ReadonlyMap<PartyId, EpochMs>;
}

export interface OperationsState {
  readonly sites: ReadonlyMap<RecordId, Site>;
  readonly disputes: ReadonlyMap<RecordId, Dispute>;
  readonly nominations: ReadonlyMap<RecordId, Nomination>;
  readonly integratedAuthorizations: ReadonlyMap<PartyId, EpochMs>;
  readonly executions: ReadonlyMap<RecordId, Execution>;
  readonly imminentActions: ReadonlyMap<RecordId, ImminentAction>;
  readonly allegations: ReadonlyMap<RecordId, Allegation>;
  readonly notices: ReadonlyMap<RecordId, Notice>;
  readonly notifications: ReadonlyMap<RecordId, Notification>;
}

export const initialOperations: OperationsState = {
  sites: PersistentMap.empty(),
  disputes: PersistentMap.empty(),
  nominations: PersistentMap.empty(),
  integratedAuthorizations: PersistentMap.empty(),
  executions: PersistentMap.empty(),
  imminentActions: PersistentMap.empty(),
  allegations: PersistentMap.empty(),
  notices: PersistentMap.empty(),
  notifications: PersistentMap.empty(),
};

export function nominationStatus(n: Nomination): NominationStatus {
  if (n.withdrawnAt !== null) return 'withdrawn';
  if (n.execution !== null) return 'executed';
  if (n.invalidatedAt !== null) return 'invalidated';
  if (n.vettedAt !== null) return 'vetted';
  if ([...n.decisions.values()].some((d) => !d.concur)) return 'not_concurred';
  return n.conflicts.length > 0 ? 'blocked' : 'pending';
}

/** Nominations whose protections may still change their fate. */
export function isOpen(n: Nomination): boolean {
  return n.withdrawnAt === null && n.execution === null && n.invalidatedAt === null;
}

export { put, patch } from '../persistent-map.ts';

/** Registers a record that crosses to other parties, so that their receipts can be tracked. */
export function notify(s: OperationsState, e: DomainEvent): OperationsState {
  if (!NOTIFYING_EVENTS.has(e.type) || e.release === 'office') return s;
  const n: Notification = {
    record: e.record,
    type: e.type,
    owner: e.owner,
    sentAt: e.at,
    receipts: new Map(),
  };
  return { ...s, notifications: put(s.notifications, e.record, n) };
}
