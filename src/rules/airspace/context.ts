/** What every airspace decision shares: the context type and event construction. */
import type { PartyId, RecordId } from '../../core/index.ts';
import type { Agreement } from '../../policy/index.ts';
import type { DecideContext, Decision } from '../model.ts';
import type { RootState } from '../state.ts';
import type { AirspaceEvent } from './events.ts';

export type AirContext = DecideContext<Agreement>;
export type AirDecision = Decision<AirspaceEvent>;
type Of<T extends AirspaceEvent['type']> = Extract<AirspaceEvent, { type: T }>;

/** Builds a joint event attributed to the actor and owned by the actor's party. */
export function emit<T extends AirspaceEvent['type']>(
  ctx: AirContext,
  type: T,
  record: RecordId,
  data: Of<T>['data'],
): Of<T> {
  const by = { person: ctx.actor.id, party: ctx.actor.party };
  const event = { type, record, owner: ctx.actor.party, release: 'joint', at: ctx.now, by, data };
  return event as unknown as Of<T>;
}

/** A flight counts as notified once every other party has acknowledged its receipt. */
export function acknowledged(s: RootState, policy: Agreement, flight: RecordId, owner: PartyId): boolean {
  const n = s.operations.notifications.get(flight);
  if (!n) return false;
  return policy.parties.every((p) => p.id === owner || n.receipts.has(p.id));
}
